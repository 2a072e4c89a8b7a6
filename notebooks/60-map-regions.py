# ---
# jupyter:
#   kernelspec:
#     display_name: Python (nec-analysis)
#     language: python
#     name: nec-analysis
# ---

# %% [markdown]
# # Regions: where nominations came from and where candidates are based
#
# Which parts of the country nominated which candidates and slates, and where are the
# candidates and the elected based? CLP-by-CLP nomination lists are needed to map
# nominations; candidates' home regions come from the registry (only where a source
# states them).
#
# **Inputs:** `data/processed/` (`clp_nominations`, `candidates.home_region`,
# `candidacies`) and the hex layouts in `data/raw/geography/`. **Outputs:** hex maps,
# regional tables, and sentences.

# %% tags=["parameters"]
year = 2014
section = "clp"
data_dir = ""
report_dir = ""

# %%
from nec_analysis import charts
from nec_analysis import geography as geo
from nec_analysis import notebook as nb
from nec_analysis.charts import maps

tables, election_id = nb.open_notebook(year, section, data_dir, report_dir)

has_lists = bool(election_id) and geo.has_clp_data(tables, election_id)

homes = geo.home_regions_of_year(tables, year) if election_id else None

# %% tags=["headline"]
listed = tables["clp_nominations"]
nb.headline(clps_listed=listed.loc[listed["election_id"] == election_id, "body"].nunique())

# %% [markdown]
# ## Where candidates are based

# %%
if election_id:
    nb.lead_from((geo.describe_regions(tables, election_id, home=False) if has_lists
                  else [geo.home_regions_headline(tables, year)]) + geo.describe_home_regions_of_year(tables, year))
    nb.say(geo.describe_home_regions_of_year(tables, year))
    nb.show_table(homes, f"home-regions-{year}", "Candidates whose home region a source gives",
                      columns=["display_name", "election", "elected", "home_region", "home_region_strength",
                               "home_region_source"],
                      rows=homes["home_region"].notna() if homes is not None else None,
                      empty=f"No source in the data gives a home region for any candidate of {year}.")

# %% [markdown]
# ## Where the nominations came from

# %%
for election_id in nb.each_election(tables, year, section):
    if not geo.has_clp_data(tables, election_id):
        charts.no_data(geo.no_clp_data_reason(tables, election_id) or "No CLP-by-CLP nomination lists.")
    else:
        nb.say(geo.describe_regions(tables, election_id, home=False))
        fig, alt = maps.hex_map_small_multiples(tables, election_id, by="slate_family")
        if fig is None:
            charts.no_data(alt)
        else:
            charts.show(fig, alt)
        fig, alt = maps.hex_map_small_multiples(tables, election_id, by="candidate", min_clps=2)
        if fig is None:
            charts.no_data(alt)
        else:
            charts.show(fig, alt)
        profile = geo.regional_profile(tables, election_id)
        nb.show_table(profile, f"regional-profile-{election_id}",
                          "Nominating CLPs by region, all CLPs and by slate family (candidates: see the CSV)",
                          columns=["unit_name", "region_name", "clps_in_region", "clps", "per_100_clps",
                                   "share_pct"],
                          rows=profile["level"] != "candidate")
        nb.show_table(geo.concentration(tables, election_id),
                          f"concentration-{election_id}",
                          "How concentrated each candidate's and slate's nominations were",
                          columns=["unit_name", "clps", "n_regions", "top_region", "top_region_pct",
                                   "effective_regions", "dissimilarity_pct"])

# %%
if election_id:
    nb.say(geo.describe_labour_groups(tables, year))
