"""The thin MkDocs adapter: the plugin (events only) and its configuration schema."""
