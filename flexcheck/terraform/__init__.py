"""Readers of Terraform plans, configuration, lock files and log settings: pure, no checks."""
