//! FL2xx: attribute values against the model catalog.
