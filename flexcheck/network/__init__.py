"""Network diagnosis: which route a request takes, and which hop of it fails."""
