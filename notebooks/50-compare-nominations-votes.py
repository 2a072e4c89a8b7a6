# ---
# jupyter:
#   kernelspec:
#     display_name: Python (nec-analysis)
#     language: python
#     name: nec-analysis
# ---

# %% [markdown]
# # Nominations and votes: does local-party support predict members' votes?
#
# Candidates gather nominations from local parties (CLPs) before the ballot; members then
# vote. How closely do the two rankings agree, who did better or worse in the ballot than
# their nominations suggested, and how many votes did the last winner need?
#
# **Method:** How closely the two orders agree is measured by a rank correlation (Spearman's):
# each candidate is ranked by nominations and by votes, and the two rankings are compared.
# It is 1 where the order is the same, near 0 where there is no link and -1 where it is
# reversed.
#
# **Method:** Co-nomination compares two candidates by the share of the CLPs nominating either
# of them that nominated both (the Jaccard similarity); the groups are found by hierarchical
# clustering of those shares (average linkage), and their agreement with the declared slates
# is the share of pairs of candidates both put together or both kept apart (the Rand index).
#
# **Inputs:** `data/processed/` (`nominations`, `results`, `clp_nominations`).
# **Outputs:** a scatter of nominations against votes, the table behind it, the winning
# threshold and margin, co-nomination where CLP-by-CLP lists exist, and sentences.

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
margin = an.winning_margins(tables, election_id).table if election_id else None
has_margin = margin is not None and not margin.empty
nb.headline(
    threshold_votes=margin["threshold_votes"].iloc[0] if has_margin else None,
    margin_votes=margin["margin"].iloc[0] if has_margin else None,
)

# %% [markdown]
# ## Nominations against votes

# %%
for election_id in nb.each_election(tables, year, section):
    nv = an.nominations_vs_votes(tables, election_id)
    corr = an.rank_correlation(tables, election_id).table
    findings = an.describe_nominations_vs_votes(tables, election_id)
    if nv.table.empty:
        nb.lead_from(findings)  # no chart: the first finding leads
        nb.say(findings)
        charts.no_data(" ".join(nv.notes) or "Nominations cannot be set against votes for this election.")
    else:
        nvt = nv.table.merge(tables["candidacies"].loc[tables["candidacies"]["election_id"] == election_id,
                                                       ["candidate_id", "slate_family"]], on="candidate_id", how="left")
        fig, alt = charts.nominations_votes_scatter(nvt, nb.election_name(tables, election_id),
                                                    nb.sources_used(tables, [election_id]),
                                                    None if corr.empty else float(corr["spearman_rho"].iloc[0]))
        nb.lead(charts.title_of(fig), findings[:2], about=election_id)
        nb.say(findings)
        charts.show(fig, alt)
        nb.show_table(nvt, f"nominations-vs-votes-{election_id}", "Nomination rank against vote rank",
                      columns=["display_name", "slate_family", "nominations", "nomination_rank", "votes",
                               "vote_rank", "places_gained", "votes_per_nomination", "elected"])

# %% [markdown]
# ## The winning threshold

# %%
for election_id in nb.each_election(tables, year, section):
    margin = an.winning_margins(tables, election_id).table
    nb.show_table(margin, f"winning-margin-{election_id}", "Votes of the last elected and the first loser",
                      empty="No vote figures for both elected and defeated candidates, so no winning threshold.")
    top = an.top_n_elected(tables, election_id)
    nb.say(top.notes)
    nb.show_table(top.table, f"top-n-elected-{election_id}", "Top candidates by nominations, and who was elected",
                      empty="Needs nomination figures, seats and outcomes; this election lacks one of them.")

# %% [markdown]
# ## Co-nomination: which candidates the same CLPs nominated
#
# Only where a source lists every nominating CLP candidate by candidate.

# %%
for election_id in nb.each_election(tables, year, section):
    co = an.infer_slates(tables, election_id)
    nb.say(an.describe_co_nomination(tables, election_id))
    if not co.table.empty:
        order = list(co.table.sort_values(["cluster", "bodies"], ascending=[True, False])["candidate_id"])
        names = dict(zip(tables["candidates"]["candidate_id"], tables["candidates"]["display_name"]))
        fig, alt = charts.co_nomination_heatmap(
            an.co_nomination_matrix(tables, election_id, min_bodies=2), names,
            dict(zip(co.table["candidate_id"], co.table["slate_family"])), order,
            nb.election_name(tables, election_id), nb.sources_used(tables, [election_id], "nominations"))
        charts.show(fig, alt)
    nb.show_table(co.table, f"inferred-slates-{election_id}", "Groups inferred from co-nomination",
                      empty="No CLP-by-CLP nomination lists are in the data for this election, so co-nomination cannot be studied.")
