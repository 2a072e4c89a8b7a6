# ---
# jupyter:
#   kernelspec:
#     display_name: Python (nec-analysis)
#     language: python
#     name: nec-analysis
# ---

# %% [markdown]
# # Incumbency: who held on, who lost, who replaced them
#
# Did the members who already sat on the NEC stand again, and were they re-elected?
# Who took the seats of those who lost or stood down? Incumbency comes from the previous
# election's result, or from a sourced override where the seat changed hands mid-term.
#
# **Inputs:** `data/processed/` (`candidacies` with `incumbent` and
# `incumbent_basis`, `results`). **Outputs:** a chart of outcomes, each candidate's
# outcome, replacements, and sentences.

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
summary = an.incumbency(tables, election_id).table if election_id else None
row = summary.iloc[0] if summary is not None and not summary.empty else {}
nb.headline(incumbents_standing=row.get("incumbents_standing"), re_elected=row.get("re_elected"),
                defeated=row.get("defeated"))

# %% [markdown]
# ## Outcomes

# %%
for election_id in nb.each_election(tables, year, section):
    outcomes = an.incumbent_outcomes(tables, election_id)
    findings = an.describe_incumbency(tables, election_id)
    nb.lead_from(findings, headline_at=1)
    nb.say(findings)
    if outcomes.table.empty:
        charts.no_data("No candidacies are recorded for this election.")
    elif outcomes.table["incumbent"].isna().all():
        charts.no_data("Incumbency is not known for this election (the previous election is not in the "
                       "data and no source says who held the seats), so there is no chart of outcomes.")
    else:
        fig, alt = charts.outcome_bars(outcomes.table, nb.election_name(tables, election_id),
                                       nb.sources_used(tables, [election_id], "results"))
        charts.show(fig, alt)
    nb.show_table(an.incumbency(tables, election_id).table, f"incumbency-summary-{election_id}",
                  "Incumbents who stood again: re-elected and defeated",
                  columns=["seats", "incumbents_standing", "re_elected", "defeated", "incumbents_outcome_unknown",
                           "newly_elected", "reelection_rate_pct"])
    nb.show_table(outcomes.table, f"incumbency-{election_id}", "Each candidate's incumbency and outcome")

# %% [markdown]
# ## Who replaced whom

# %%
for election_id in nb.each_election(tables, year, section):
    rep = an.replacements(tables, election_id)
    nb.say(rep.notes)
    nb.show_table(rep.table, f"replacements-{election_id}", "Defeated incumbents and newcomers",
                      empty="No seat is known to have changed hands (or incumbency is not known).")
