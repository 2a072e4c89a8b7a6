# ---
# jupyter:
#   kernelspec:
#     display_name: Python (nec-analysis)
#     language: python
#     name: nec-analysis
# ---

# %% [markdown]
# # Overview: who stood, who was nominated, who was elected
#
# For one election year: who stood for the NEC's constituency (CLP) and local-government
# places, how many nominations each gathered, how many votes each won, who was elected,
# what turnout the sources state, and where the sources disagree with each other.
#
# **Inputs:** the tidy tables in `data/processed/` (`elections`, `candidacies`,
# `candidates`, `nominations`, `results`, `totals`, `discrepancies`).
# **Outputs:** one table per election (with its CSV), a chart of votes (or, where no
# votes were published, of nominations), and sentences generated from the data.

# %% tags=["parameters"]
year = 2014
data_dir = ""
report_dir = ""

# %%
from nec_analysis import analysis as an
from nec_analysis import charts
from nec_analysis import notebook as nb
from nec_analysis.words.describe import describe_changes

tables, _ = nb.open_notebook(year, "clp", data_dir, report_dir)
election_ids = nb.elections_of_year(tables, year)

# %% tags=["headline"]
# Headline figures as plain `name = value` lines: tests/test_notebooks.py checks them with nbval
# against the published 2014 figures. The cell is dropped from the HTML page.
first_table = nb.candidate_table(tables, election_ids[0]) if election_ids else None
ranked = None if first_table is None else first_table.dropna(subset=["votes"]).sort_values("votes", ascending=False)
nb.headline(
    n_elections=len(election_ids),
    n_candidates=None if first_table is None else int(first_table["on_ballot"].fillna(True).sum()),
    n_elected=None if first_table is None else int((first_table["elected"] == True).sum()),  # noqa: E712
    top_candidate=None if ranked is None or ranked.empty else ranked["display_name"].iloc[0],
    top_votes=None if ranked is None or ranked.empty else ranked["votes"].iloc[0],
)

# %% [markdown]
# ## The elections this year

# %%
if ranked is not None and not ranked.empty:
    nb.lead(nb.leader(tables, election_ids[0], first_table),
            [s for s in nb.describe_election(tables, election_ids[0]) if s.startswith("Elected")][:1]
            + nb.describe_election(tables, election_ids[0])[:1], about=election_ids[0])
elif first_table is not None and first_table["nominations"].notna().any():  # no votes: who led the nominations
    nb.lead(nb.leader(tables, election_ids[0], first_table, "nominations"),
            [s for s in nb.describe_election(tables, election_ids[0]) if s.startswith("Elected")][:1]
            + nb.describe_election(tables, election_ids[0])[:1], about=election_ids[0])
else:
    nb.lead_from(nb.describe_election(tables, election_ids[0]) if election_ids else [], 0,
                 f"No NEC election in {year} is in the data")
nb.say_elections(tables, year)

# %% [markdown]
# ## Candidates, nominations, votes and results
#
# One section per election. Candidates are listed by their place in the ballot where
# votes were published, otherwise by nominations. ✓ marks those elected.

# %%
for eid in election_ids:
    nb.election_heading(tables, eid)
    cand = nb.candidate_table(tables, eid)
    nb.say(nb.describe_election(tables, eid))
    nb.say(describe_changes(tables, eid))  # who replaced whom, in every section
    if cand["votes"].notna().any():
        fig, alt = charts.candidate_bars(
            cand, "votes", nb.leader(tables, eid, cand, "votes"),
            nb.sources_used(tables, [eid], "results"), "votes", "Members' votes by candidate")
        charts.show(fig, alt)
    elif cand["nominations"].notna().any():
        charts.no_data("No vote figures were published for this election, so the chart shows nominations.")
        fig, alt = charts.candidate_bars(
            cand, "nominations", nb.leader(tables, eid, cand, "nominations"),
            nb.sources_used(tables, [eid], "nominations"), "nominations", "Nominations by candidate")
        charts.show(fig, alt)
    else:
        charts.no_data("Neither vote nor nomination figures were published for this election; "
                       "the sources say only who was elected.")
    nb.show_table(cand, f"candidates-{eid}", f"Candidates, {nb.election_name(tables, eid)}",
                      columns=["display_name", "votes", "position", "elected", "nominations", "slate",
                               "gender", "incumbent"])  # the result first: on a phone it is in view

# %% [markdown]
# ## Totals and turnout
#
# Published totals beside the figures derived from the data.

# %%
for eid in election_ids:
    nb.set_scope(tables, eid)  # the first sentence of each election names it, the rest need not
    nb.say(an.describe_totals(tables, eid))
totals = an.stated_vs_derived(tables).table
nb.show_table(totals[totals["election_id"].isin(election_ids)], f"totals-{year}", "Stated and derived totals",
                  columns=["election_id", "measure", "stated", "approximate", "source_id", "derived", "difference"])

# %% [markdown]
# ## Where the sources disagree
#
# Every figure two sources give differently. The dataset keeps both and uses the
# preferred one (the project records, for each election, which source it prefers and why).

# %%
disc = tables["discrepancies"]
disc = disc[disc["election_id"].isin(election_ids)]
if disc.empty:
    charts.no_data(f"No disagreements between sources are recorded for {year}.")
else:
    nb.say(f"{an.plural(len(disc), 'disagreement', 'disagreements')} between sources "
               f"{'is' if len(disc) == 1 else 'are'} recorded for {year}.")
    nb.show_table(disc, f"discrepancies-{year}", f"Disagreements between sources, {year}",
                      columns=["election_id", "candidate_id", "measure", "value_a", "source_a", "value_b", "source_b"])
