"""Package data: the knowledge base (``kb/``) and the trained NLI head with its card (``nli/``)."""
