"""Finding and reading the credential download of Guide Step 3."""
