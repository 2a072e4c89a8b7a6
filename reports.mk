# Reports: one HTML page per notebook per election year, an index per year, and a site index.
# Included by the Makefile (`-include reports.mk`); uses its PY, SETUP, DATA and YEAR.
#
#   make report YEAR=2014   reports/2014/index.html and one page per notebook
#   make reports            every year in data/processed/elections.csv + reports/index.html
#
# Each page is a papermill run of notebooks/NN-*.py for that year (clean, top to bottom),
# converted with code hidden. A page depends on its notebook, nec_analysis/*.py and
# data/processed/*.csv, so only what changed is rebuilt. A failing notebook fails the build,
# names the failing cell and leaves no page behind (written to a temporary file, then moved).
# Pages of different years and notebooks are independent: `make -j2 reports` runs two at once.

REPORT_YEARS := $(shell awk -F, 'NR > 1 && $$2 != "" {print $$2}' data/processed/elections.csv 2>/dev/null | LC_ALL=C sort -u)
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.py))
NB_NAMES := $(notdir $(NOTEBOOKS:.py=))
PROCESSED := $(wildcard data/processed/*.csv)
REPORT_SRC := $(wildcard nec_analysis/*.py)
REPORT := $(PY) -m nec_analysis.report

.PHONY: report reports

ifneq ($(filter report,$(MAKECMDGOALS)),)
ifeq ($(filter $(YEAR),$(REPORT_YEARS)),)
$(error YEAR=$(YEAR): no NEC election in that year in data/processed/elections.csv. Available years: $(REPORT_YEARS))
endif
endif

report: reports/$(YEAR)/index.html ## build the HTML report for one year: make report YEAR=2014
	@echo "report: open reports/$(YEAR)/index.html"

reports: reports/index.html ## build every year's report and the cross-year index (reports/index.html)
	@echo "reports: open reports/index.html"

# The processed tables are rewritten by `make data` (the DATA stamp); this empty rule makes
# make re-read their times after it runs.
$(PROCESSED): $(DATA) ;

# One year's rules (pages, data copies, index), stamped out for every year in the data.
define YEAR_RULES
reports/$(1)/%.html: notebooks/%.py $(REPORT_SRC) $(PROCESSED) | $(SETUP)
	@$(REPORT) page --year $(1) $$<

reports/$(1)/data/.copied: $(PROCESSED) $(REPORT_SRC) | $(SETUP)
	@$(REPORT) data --year $(1)
	@touch $$@

reports/$(1)/index.html: $(NB_NAMES:%=reports/$(1)/%.html) reports/$(1)/data/.copied $(NOTEBOOKS) | $(SETUP)
	@$(REPORT) index --year $(1)
endef
$(foreach y,$(REPORT_YEARS),$(eval $(call YEAR_RULES,$(y))))

reports/index.html: $(REPORT_YEARS:%=reports/%/index.html) $(REPORT_SRC) $(PROCESSED) | $(SETUP)
	@$(REPORT) site

clean:: ## (reports.mk) also remove reports/
	rm -rf reports
