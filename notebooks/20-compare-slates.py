# ---
# jupyter:
#   kernelspec:
#     display_name: Python (nec-analysis)
#     language: python
#     name: nec-analysis
# ---

# %% [markdown]
# # Slates: nominations, votes and seats by slate
#
# Which slates did candidates stand on, what share of the nominations and of the votes
# did each slate's candidates win, and how many seats did that buy? Compared with the
# previous cycle where it is in the data.
#
# **Inputs:** `data/processed/` (`candidacies`, `slate_labels`, `nominations`,
# `results`). **Outputs:** a chart of nominations, votes and seats by slate family, the
# table behind it, each candidate's slate labels as the sources printed them, and
# sentences generated from the data.

# %% tags=["parameters"]
year = 2014
section = "clp"
data_dir = ""
report_dir = ""

# %%
from nec_analysis import analysis as an
from nec_analysis import charts
from nec_analysis import notebook as nb
from nec_analysis.words.describe.slates import slates_standfirst

tables, election_id = nb.open_notebook(year, section, data_dir, report_dir)
NOMINATIONS_TABLE = ["rank", "display_name", "slate_family", "nominations", "share_of_clps_pct", "change_pts",
                     "prev_rank", "prev_nominations", "prev_election_id"]  # headings: words/labels.py

# %% tags=["headline"]
summary = an.slate_summary(tables, election_id).table if election_id else None
seats = {} if summary is None or summary.empty else dict(zip(summary["slate_family"], summary["elected"]))
nb.headline(seats_grassroots_left=seats.get("grassroots_left", 0))

# %% [markdown]
# ## Shares by slate family

# %%
for election_id in nb.each_election(tables, year, section):
    summary = an.slate_summary(tables, election_id).table
    findings = an.describe_slates(tables, election_id)
    if summary.empty:
        nb.lead_from(findings)
        nb.say(findings)
        charts.no_data("No candidacies are recorded for this election.")
    else:
        fig, alt = charts.slate_shares(summary, nb.election_name(tables, election_id),
                                       nb.sources_used(tables, [election_id]))
        nb.lead(charts.title_of(fig), slates_standfirst(tables, election_id), about=election_id)
        nb.say(findings)
        charts.show(fig, alt)
        nb.show_table(summary, f"slate-summary-{election_id}", "Candidates, nominations, votes and seats by slate family")
        printed = an.misprint_table(tables, election_id)  # the misprinted vote the shares above leave out
        if not printed.empty:
            nb.show_table(printed, f"misprinted-votes-{election_id}", "The figures as printed: one of the two is a misprint",
                          columns=["display_name", "votes", "printed_share", "source_id"])

# %% [markdown]
# ## Nomination shares and change since the last cycle

# %%
for election_id in nb.each_election(tables, year, section):
    shares = an.slate_nomination_shares(tables, election_id)
    if not shares.table.empty:  # else the box below says there are none (once)
        nb.say(an.describe_nominations(tables, election_id))
    nb.show_table(shares.table, f"slate-nomination-shares-{election_id}", "Nominations by slate family",
                      empty="No nomination figures were published for this election, so there are no nomination shares by slate.")

# %% [markdown]
# ## The nominations table
#
# The table Left Futures printed: each candidate's rank by nominations, their share of the
# local parties that nominated, the change since the last election and where they stood then.

# %%
for election_id in nb.each_election(tables, year, section):
    lf = an.nomination_shares(tables, election_id)
    if not lf.table.empty:
        nb.say(lf.notes)
    nb.show_table(lf.table, f"nominations-table-{election_id}",
                  "Nominations: rank, share of nominating CLPs and change since the last election",
                  columns=NOMINATIONS_TABLE,
                  empty="No nomination figures were published for this election.")

# %% [markdown]
# ## Each candidate's slate, as the sources put it
#
# The slate family is the project's grouping of the labels the sources used
# (one list of slate labels and the family each belongs to); where sources disagree the family is "sources disagree".

# %%
for election_id in nb.each_election(tables, year, section):
    labels = tables["slate_labels"]
    labels = labels[labels["election_id"] == election_id].merge(
        tables["candidates"][["candidate_id", "display_name"]], on="candidate_id", how="left")
    nb.show_table(labels, f"slate-labels-{election_id}", "Slate labels by source",
                      columns=["display_name", "label", "slate_family", "source_id"],
                      empty="No source gives slate labels for this election.")
