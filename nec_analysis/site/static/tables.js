/* Sortable tables (click or Enter/Space on a heading) and a filter box on long tables.
   Our own ~60 lines rather than a library: it is smaller than simple-datatables or tablesort
   plus a filter plug-in, needs no build step, and works from file:// when inlined. */
(function(){
  var FILTER_ROWS = 12;  // tables with more rows than this get a filter box
  function key(td){var v=td.getAttribute('data-sort');if(v!==null)return parseFloat(v);
    var t=td.getAttribute('data-sort-text');if(t!==null)return t;  // e.g. a date in words sorts by its ISO form
    return td.textContent.trim().toLowerCase();}
  function sortBy(table,idx,th){
    var tbody=table.tBodies[0];if(!tbody)return;
    var asc=th.getAttribute('aria-sort')!=='ascending';
    Array.prototype.forEach.call(table.tHead.rows[0].cells,function(c){c.removeAttribute('aria-sort');});
    th.setAttribute('aria-sort',asc?'ascending':'descending');
    var rows=Array.prototype.slice.call(tbody.rows);
    rows.sort(function(a,b){var x=key(a.cells[idx]),y=key(b.cells[idx]);
      var xn=typeof x==='number'&&!isNaN(x),yn=typeof y==='number'&&!isNaN(y);
      if(xn&&!yn)return -1;if(yn&&!xn)return 1;
      var r=x<y?-1:(x>y?1:0);return asc?r:-r;});
    rows.forEach(function(r){tbody.appendChild(r);});
  }
  function addFilter(table,n){
    var tbody=table.tBodies[0];if(!tbody||tbody.rows.length<=FILTER_ROWS)return;
    var wrap=table.closest('.table-wrap')||table;
    var box=document.createElement('div');box.className='table-filter';
    var id='filter-'+n;
    var label=document.createElement('label');label.htmlFor=id;label.textContent='Filter rows: ';
    var field=document.createElement('input');field.type='search';field.id=id;field.autocomplete='off';
    var count=document.createElement('output');count.setAttribute('aria-live','polite');
    box.appendChild(label);box.appendChild(field);box.appendChild(count);
    wrap.parentNode.insertBefore(box,wrap);
    var input=box.querySelector('input'),out=box.querySelector('output');
    input.addEventListener('input',function(){
      var q=input.value.trim().toLowerCase(),shown=0;
      Array.prototype.forEach.call(tbody.rows,function(r){
        var hit=!q||r.textContent.toLowerCase().indexOf(q)>=0;r.hidden=!hit;if(hit)shown++;});
      out.textContent=q?shown+' of '+tbody.rows.length+' rows':'';
    });
  }
  function markWide(){
    document.querySelectorAll('.table-wrap').forEach(function(w){
      w.classList.toggle('is-wide',w.scrollWidth>w.clientWidth+1);});
  }
  document.querySelectorAll('.table-wrap').forEach(function(w){
    w.tabIndex=0;w.setAttribute('role','region');
    var cap=w.querySelector('caption');w.setAttribute('aria-label',cap?cap.textContent:'table');
    if(!(w.nextElementSibling&&w.nextElementSibling.classList.contains('scroll-cue'))){
      var cue=document.createElement('p');cue.className='scroll-cue';cue.textContent='Scroll sideways to see every column \u2192';
      w.parentNode.insertBefore(cue,w.nextSibling);}
  });
  document.querySelectorAll('table.sortable').forEach(function(table,n){
    if(!table.tHead)return;
    Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,idx){
      th.tabIndex=0;th.title='Sort by this column';
      th.addEventListener('click',function(){sortBy(table,idx,th);});
      th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sortBy(table,idx,th);}});
    });
    addFilter(table,n);
  });
  markWide();window.addEventListener('resize',markWide);
})();
