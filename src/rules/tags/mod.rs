//! FL3xx: custom tags and their arguments.
