"""Item-writing checks: warnings about questions a test-wise learner can answer unread."""
