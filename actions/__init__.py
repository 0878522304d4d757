"""Cases and what is done with them: the store, the life of a case, execution and the operator desk."""
