"""The form's models: plain classes (models/plain_record.py), and pydantic for data of any other shape.

A value already of its field's type is taken as it is, without pydantic (a form as jixiao writes
it, every edit, every save). Anything else — text where a number belongs, an unknown key, a nested
table given as a dict — and model_validate, model_dump and the JSON schema go to pydantic through
the twins of models/pydantic_models.py, imported here on first need: its errors (types, locations,
Chinese messages) stay the reports they were.
"""

from __future__ import annotations

from typing import Any, TypeVar, dataclass_transform

from .plain_record import Field, PlainRecord, plain_instance

_R = TypeVar("_R", bound="Record")


# Typed for mypy as dataclasses are (keyword arguments, defaults from Field(default=...)); the class
# keywords `extra` and `frozen` as PlainRecord.__init_subclass__ takes them.
@dataclass_transform(kw_only_default=True, field_specifiers=(Field,))
class Record(PlainRecord):
    """A model; see the module's docstring and PlainRecord."""

    __slots__ = ()

    def __init__(self, /, **data: Any) -> None:
        try:
            built = plain_instance(type(self), data)
        except ValueError:  # NotPlain or InvalidValue: pydantic decides, and reports what it refuses
            from .pydantic_models import validate  # noqa: PLC0415 (only data of another shape needs pydantic)

            built = validate(type(self), data)
        object.__setattr__(self, "__dict__", built.__dict__)
        object.__setattr__(self, "_fields_set", built.model_fields_set)
        object.__setattr__(self, "_extra", built.model_extra)

    @classmethod
    def model_validate(cls: type[_R], obj: Any, **options: Any) -> _R:
        """pydantic's validation of `obj` (its ValidationError for data of the wrong shape); `options`
        are pydantic's (strict, from_attributes, context)."""
        if isinstance(obj, cls):
            return obj
        from .pydantic_models import validate  # noqa: PLC0415

        return validate(cls, obj, **options)

    @classmethod
    def model_validate_json(cls: type[_R], text: str | bytes, **options: Any) -> _R:
        from .pydantic_models import validate_json  # noqa: PLC0415

        return validate_json(cls, text, **options)

    @classmethod
    def model_json_schema(cls, **options: Any) -> dict[str, Any]:
        from .pydantic_models import twin_of  # noqa: PLC0415

        schema: dict[str, Any] = twin_of(cls).model_json_schema(**options)
        return schema

    def model_dump(self, **options: Any) -> dict[str, Any]:
        """pydantic's model_dump (tests and tools; the file writer reads the fields itself)."""
        from .pydantic_models import to_twin  # noqa: PLC0415

        dumped: dict[str, Any] = to_twin(self).model_dump(**options)
        return dumped

    def model_dump_json(self, **options: Any) -> str:
        from .pydantic_models import to_twin  # noqa: PLC0415

        text: str = to_twin(self).model_dump_json(**options)
        return text
