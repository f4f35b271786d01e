"""The errors the store raises. Each carries a message a person can read."""


class StoreError(Exception):
    """Base of every error the store reports to its callers."""


class AccessDenied(StoreError):
    """The acting user may not do this; the refusal itself has been audited."""


class ConflictError(StoreError):
    """Someone else changed the row since it was read; nothing was written."""

    def __init__(self, message: str, *, entity: str = "", entity_id: object = None,
                 expected: int | None = None, actual: int | None = None):
        super().__init__(message)
        self.entity = entity
        self.entity_id = entity_id
        self.expected = expected
        self.actual = actual


class NotFound(StoreError):
    """The case, document, user or blob does not exist."""


class InvalidInput(StoreError):
    """A file or value was refused; nothing was written."""


class StoreUnavailable(StoreError):
    """The store cannot be reached or opened."""


class IntegrityFailure(StoreError):
    """A blob's bytes or the audit chain do not match what was recorded."""
