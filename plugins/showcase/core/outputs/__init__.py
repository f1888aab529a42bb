"""What travels beyond the pages: feeds, catalog, URL ledger, search index."""
