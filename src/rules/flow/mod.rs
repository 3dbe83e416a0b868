//! FL5xx: how flows behave when run, checked on the world's object graph.
