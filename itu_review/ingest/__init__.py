"""Readers that turn a package file into the model: .docx, flattened text, CriticMarkup."""
