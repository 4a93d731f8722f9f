"""Adapters for batch engines: Ray Data (:mod:`cleantext.integrations.ray`), and helpers for Spark, Dask
and datatrove (:mod:`cleantext.integrations.recipes`). Each imports its engine only when used."""
