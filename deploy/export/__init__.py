"""The static export: plan every output from the tree, render it, validate it, write the
manifest and put the build in place (``build_site``); the search index is its own step."""
