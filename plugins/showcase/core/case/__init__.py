"""One case: its file read, its YAML parsed with lines, its fields and content checked."""
