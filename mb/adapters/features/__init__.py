"""Daily features: computed from the app's own tables, or read from the lakehouse."""
