"""The reference layer: the curated registries (seeds/registry/*.csv) and what reads them.

- `registry`: reads and validates each registry against its declaration, once per folder;
- `gazetteer`: countries, nationality adjectives, cities (GeoNames + curated places);
- `people`: officials and their dated roles, with a bounded fuzzy match of spellings;
- `members`: the Coalition's partners and their joining dates;
- `chronology`: the chronology of the Coalition's meetings that reports link to;
- `calibration`: the fitted mapping from raw scores to probabilities;
- `tables`: the registries published as reference tables of the package.
"""
