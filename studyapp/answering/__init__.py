"""A question put to a learner: how it is presented, and how the answer is graded."""
