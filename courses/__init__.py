"""Learning: courses, lessons, quizzes, enrolment, completion, compliance (Art. 14②)."""
