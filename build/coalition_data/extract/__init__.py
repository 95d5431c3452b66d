"""Extract stage: pure functions from cleaned article text to candidate facts."""
