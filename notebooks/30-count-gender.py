# ---
# jupyter:
#   kernelspec:
#     display_name: Python (nec-analysis)
#     language: python
#     name: nec-analysis
# ---

# %% [markdown]
# # Gender: women among the candidates and the elected
#
# How many of the candidates, and of those elected, were women — overall and on each
# slate? Gender is recorded only where a source states it (never guessed from a first
# name), so "not stated" is counted and shown, not dropped.
#
# **Inputs:** `data/processed/` (`candidates`, `candidacies`, `results`).
# **Outputs:** a chart of candidates and elected by gender, tables by slate, and sentences.

# %% tags=["parameters"]
year = 2014
section = "clp"
data_dir = ""
report_dir = ""

# %%
from nec_analysis import analysis as an
from nec_analysis import charts
from nec_analysis import notebook as nb

tables, election_id = nb.open_notebook(year, section, data_dir, report_dir)

# %% tags=["headline"]
gender = an.gender_summary(tables, [election_id]).table if election_id else None
elected = None if gender is None or gender.empty else gender[(gender["group"] == "elected")
                                                               & (gender["scope"] == election_id)]
nb.headline(
    women_elected=None if elected is None else int(elected["women"].sum()),
    men_elected=None if elected is None else int(elected["men"].sum()),
)

# %% [markdown]
# ## Candidates and elected, by gender

# %%
for election_id in nb.each_election(tables, year, section):
    gender = an.gender_summary(tables, [election_id]).table
    findings = an.describe_gender(tables, election_id)
    nb.lead_from(findings, headline_at=1)
    nb.say(findings)
    if gender.empty:
        charts.no_data("No candidacies on the ballot are recorded for this election.")
    else:
        fig, alt = charts.gender_bars(gender, nb.election_name(tables, election_id),
                                      "candidate registry (gender only where a source states it); "
                                      + nb.sources_used(tables, [election_id], "results"))
        charts.show(fig, alt)
        nb.show_table(gender, f"gender-{election_id}", "Candidates and elected by gender")

# %% [markdown]
# ## Within each slate

# %%
for election_id in nb.each_election(tables, year, section):
    within = an.gender_within_slates(tables, election_id)
    nb.say(within.notes)
    nb.show_table(within.table, f"gender-within-slates-{election_id}", "Gender within each slate family")
    pairs = an.men_above_women_on_slate(tables, election_id)
    nb.show_table(pairs.table, f"men-above-women-{election_id}",
                      "Men who finished above a woman on their own slate",
                      empty="No man finished above a woman on his own slate, or there are no places by votes.")

# %% [markdown]
# ## Every section this year together
#
# The CLP section and the local-government section, separately and combined (the sentences
# above give the combined figures).

# %%
year_ids = nb.elections_of_year(tables, year)
together = an.gender_summary(tables, year_ids).table
nb.show_table(together, f"gender-all-sections-{year}", f"Candidates and elected by gender, every section, {year}",
                  empty=f"No candidacies on the ballot are recorded for {year}.")
