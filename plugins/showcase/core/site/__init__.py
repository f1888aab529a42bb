"""The public site's pages, engine-free: index, plan, texts, footer, statistics, sanitizing,
and a build's steps from its loaded cases (build)."""
