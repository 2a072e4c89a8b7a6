# Reports: one HTML page per notebook per election year, an index per year, and a site index.
# Included by the Makefile (`-include reports.mk`); uses its PY, SETUP, DATA and YEAR.
#
#   make report YEAR=2014   reports/2014/ (index and one page per notebook) and reports/index.html
#   make reports            every year in data/processed/elections.csv, and reports/index.html
#
# A page is made from its notebook, the library (nec_analysis/*.py) and the processed tables
# (data/processed/*.csv). Make decides whether a year (or the site) is out of date from those
# files; the builder (`python -m nec_analysis.site build`) then rebuilds, with the same rule,
# only the pages older than their own inputs. All the pages it rebuilds, of every year asked
# for, run in one process that imports the libraries once and forks a clean child per notebook,
# one per core (nec_analysis/site/engine.py): that is what makes `make reports` cheaper than a
# `make report` per year. The cross-year, section and candidate pages are made beside them and
# kept in build/site-cache/ between builds, keyed by a hash of their inputs (site/cache.py). A failing notebook (or one running past NOTEBOOK_TIMEOUT seconds)
# leaves neither its page nor its year's index behind; the other pages and years are still
# built, then the command exits non-zero listing every failure (notebook, year, cell, source).

REPORT_YEARS := $(shell awk -F, 'NR > 1 && $$2 != "" {print $$2}' data/processed/elections.csv 2>/dev/null | LC_ALL=C sort -u)
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.py))
PROCESSED := $(wildcard data/processed/*.csv)
REPORT_SRC := $(shell find nec_analysis -type f \( -name '*.py' -o -path '*/templates/*' -o -path '*/static/*' \) 2>/dev/null | LC_ALL=C sort)
REPORT_INPUTS := $(NOTEBOOKS) $(REPORT_SRC) $(PROCESSED)
NOTEBOOK_TIMEOUT ?= 600
REPORT := $(READ_LOCKED) $(PY) -m nec_analysis.site build --site --timeout $(NOTEBOOK_TIMEOUT)

.PHONY: report reports FORCE

# YEAR must be exactly one four-digit year before it reaches a target name or a recipe.
# It is checked unexpanded ($(value YEAR): a value such as '$(shell …)' is never run) and
# with make's own functions (no shell): one word, four characters, nothing but digits;
# whenever a report is asked for or YEAR comes from the command line or the environment.
ifneq ($(filter report,$(MAKECMDGOALS))$(filter command% environment%,$(origin YEAR)),)
YEAR_TEXT := $(value YEAR)
YEAR_NOT_DIGITS := $(subst 0,,$(subst 1,,$(subst 2,,$(subst 3,,$(subst 4,,$(subst 5,,$(subst 6,,$(subst 7,,$(subst 8,,$(subst 9,,$(YEAR_TEXT)))))))))))
YEAR_CHARS := $(subst 0,0 ,$(subst 1,1 ,$(subst 2,2 ,$(subst 3,3 ,$(subst 4,4 ,$(subst 5,5 ,$(subst 6,6 ,$(subst 7,7 ,$(subst 8,8 ,$(subst 9,9 ,$(YEAR_TEXT)))))))))))
ifneq ($(words $(YEAR_TEXT))-$(words $(YEAR_CHARS))-$(YEAR_NOT_DIGITS),1-4-)
$(error YEAR must be one four-digit year, such as YEAR=2014. Available years: $(REPORT_YEARS))
endif
ifeq ($(filter report,$(MAKECMDGOALS))-$(filter $(YEAR_TEXT),$(REPORT_YEARS)),report-)
$(error YEAR=$(YEAR_TEXT): no NEC election in that year in data/processed/elections.csv. Available years: $(REPORT_YEARS))
endif
endif

report: reports/$(YEAR)/index.html ## build the HTML report for one year: make report YEAR=2014
	@echo "report: open reports/$(YEAR)/index.html"

reports: reports/.all-years ## build every year's report and the cross-year index (reports/index.html)
	@echo "reports: open reports/index.html"

# The processed tables are rewritten by `make data` (the DATA stamp); this empty rule makes
# make re-read their times after it runs.
$(PROCESSED): $(DATA) ;

# One year (and the site index, so that its "All years" link works); also when the site
# index is missing.
$(REPORT_YEARS:%=reports/%/index.html): reports/%/index.html: $(REPORT_INPUTS) $(if $(wildcard reports/index.html),,FORCE) | $(SETUP)
	@$(REPORT) --year $*

# Every year at once (one process, both cores). The stamp says every year was brought up
# to date; a year's folder or the site index gone missing forces a run.
MISSING := $(filter-out $(wildcard reports/*/index.html reports/index.html),$(REPORT_YEARS:%=reports/%/index.html) reports/index.html)
reports/index.html: reports/.all-years ;
reports/.all-years: $(REPORT_INPUTS) $(if $(MISSING),FORCE) | $(SETUP)
	@$(REPORT) --all
	@touch $@

FORCE:

clean:: ## (reports.mk) also remove reports/
	rm -rf reports
