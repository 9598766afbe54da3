"""The plain part of the form's models: fields declared as for pydantic, instances built from values
already of the fields' types, and the part of pydantic's model API that jixiao uses — without
importing pydantic.

Why: importing pydantic (and pydantic_core, and what they pull in) cost the editor some 8 MiB and
`jixiao validate` a good part of its start-up, yet a form in the shape jixiao writes is never
validated by pydantic (models/plain_form.py builds it). models/record.py adds what needs pydantic
(data of any other shape, model_dump, the JSON schema) on top, through models/pydantic_models.py,
which builds pydantic twins from these declarations; this module never imports either.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from types import UnionType
from typing import (
    Annotated,
    Any,
    ClassVar,
    Literal,
    TypeVar,
    Union,
    get_args,
    get_origin,
    overload,
)

_T = TypeVar("_T")
_R = TypeVar("_R", bound="PlainRecord")


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()  # a field without a default (required)


class InvalidValue(ValueError):
    """A value a field refuses: `kind` and the message template with its context become pydantic's
    PydanticCustomError in a validation (the same error type and Chinese message as before)."""

    def __init__(self, kind: str, template: str, context: dict[str, Any] | None = None) -> None:
        super().__init__(template.format(**context) if context else template)
        self.kind, self.template, self.context = kind, template, context


class NotPlain(ValueError):
    """A value not already of its field's type: pydantic decides what it becomes, or reports it."""


@dataclass(frozen=True)
class Converted:
    """Annotated metadata: values of this type are whatever `convert` makes of them (pydantic's
    PlainValidator), raising InvalidValue; `json_schema` is the type's schema."""

    convert: Callable[[Any], Any]
    json_schema: dict[str, Any]

    def __hash__(self) -> int:
        return id(self)


# A field validator: (value, the values of the fields before it, `model`) -> value, where `model`
# maps a model class to the one to build (itself here, its pydantic twin in a validation).
FieldCheck = Callable[[Any, Mapping[str, Any], Callable[[type[Any]], Any]], Any]


@dataclass(frozen=True)
class Validators:
    """A model's own validators as plain functions: run on plain values here, and wrapped as pydantic's
    before / field / after validators on the twin (models/pydantic_models.py). Raise InvalidValue."""

    before: Callable[[Any], Any] | None = None
    fields: Mapping[str, FieldCheck] = field(default_factory=dict)
    after: Callable[[Any], Any] | None = None


class FieldInfo:
    """What a field declares: pydantic's FieldInfo for the attributes jixiao reads."""

    __slots__ = ("annotation", "default", "default_factory", "description", "ge", "le", "min_length", "strict",
                 "title", "validate_default")

    def __init__(self, default: Any = MISSING, *, default_factory: Callable[[], Any] | None = None,
                 title: str | None = None, description: str | None = None, strict: bool = False,
                 ge: int | None = None, le: int | None = None, min_length: int | None = None,
                 validate_default: bool = False) -> None:
        self.default, self.default_factory = default, default_factory
        self.title, self.description = title, description
        self.strict, self.ge, self.le, self.min_length = strict, ge, le, min_length
        self.validate_default = validate_default
        self.annotation: Any = None  # the evaluated type, once a Record class is first used

    def is_required(self) -> bool:
        return self.default is MISSING and self.default_factory is None


@overload
def Field(default: _T, *, title: str | None = None, description: str | None = None, strict: bool = False,  # noqa: N802
          ge: int | None = None, le: int | None = None, min_length: int | None = None,
          validate_default: bool = False) -> _T: ...
@overload
def Field(*, default_factory: Callable[[], _T], title: str | None = None, description: str | None = None,  # noqa: N802
          strict: bool = False, ge: int | None = None, le: int | None = None, min_length: int | None = None,
          validate_default: bool = False) -> _T: ...
@overload
def Field(*, title: str | None = None, description: str | None = None, strict: bool = False,  # noqa: N802
          ge: int | None = None, le: int | None = None, min_length: int | None = None,
          validate_default: bool = False) -> Any: ...
def Field(default: Any = MISSING, **options: Any) -> Any:  # noqa: N802 (pydantic's name: the declarations read as before)
    """A field's declaration, as pydantic's Field for the options jixiao uses."""
    return FieldInfo(default, **options)


class PlainRecord:
    """A model without pydantic: fields in declaration order in `__dict__`, the fields given (`model_fields_set`) and,
    for `extra="allow"`, the extra fields (`model_extra`), as pydantic keeps them.

    Class keywords: `extra` ("ignore", "forbid" or "allow", as pydantic's config; inherited) and `frozen`.
    """

    __slots__ = ("__dict__", "_fields_set", "_extra")
    model_fields: ClassVar[dict[str, FieldInfo]] = {}
    model_config: ClassVar[dict[str, Any]] = {"extra": "ignore", "frozen": False}
    _fields_set: set[str]
    _extra: dict[str, Any] | None
    _coercers: ClassVar[dict[str, Callable[[Any], Any]] | None] = None
    __validators__: ClassVar[Validators] = Validators()

    def __init_subclass__(cls, *, extra: Literal["ignore", "forbid", "allow"] | None = None,
                          frozen: bool | None = None, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        config = dict(cls.model_config)
        if extra is not None:
            config["extra"] = extra
        if frozen is not None:
            config["frozen"] = frozen
        cls.model_config = config
        fields = dict(cls.model_fields)
        for name, annotation in cls.__dict__.get("__annotations__", {}).items():
            if name.startswith("_") or "ClassVar" in str(annotation):
                continue
            declared = cls.__dict__.get(name, MISSING)
            fields[name] = declared if isinstance(declared, FieldInfo) else FieldInfo(declared)
            if name in cls.__dict__:
                delattr(cls, name)  # the value lives on the instance, as in pydantic
        cls.model_fields = fields
        cls._coercers = None

    # --- the pydantic API jixiao uses ---------------------------------------------------------

    @classmethod
    def model_construct(cls: type[_R], _fields_set: set[str] | None = None, **values: Any) -> _R:
        """An instance from values taken as they are (pydantic's model_construct)."""
        given: dict[str, Any] = {}
        named = [name for name in cls.model_fields if name in values]
        for name, info in cls.model_fields.items():
            if name in values:
                given[name] = values.pop(name)
            elif info.default_factory is not None:
                given[name] = info.default_factory()
            elif info.default is not MISSING:
                given[name] = info.default
        fields_set = set(named) if _fields_set is None else _fields_set
        return _new(cls, given, fields_set, values if cls.model_config["extra"] == "allow" else None)

    def model_copy(self: _R, *, update: dict[str, Any] | None = None, deep: bool = False) -> _R:
        """A copy, `update` assigned without validation (pydantic's model_copy)."""
        copied = copy.deepcopy(self) if deep else self.__copy__()
        for name, value in (update or {}).items():
            if name in type(self).model_fields:
                copied.__dict__[name] = value
            elif copied._extra is not None:
                copied._extra[name] = value
            else:
                copied.__dict__[name] = value
            copied._fields_set.add(name)
        return copied

    @property
    def model_fields_set(self) -> set[str]:
        return self._fields_set

    @property
    def model_extra(self) -> dict[str, Any] | None:
        return self._extra

    # --- object protocol ----------------------------------------------------------------------

    def __setattr__(self, name: str, value: Any) -> None:
        if self.model_config["frozen"]:
            raise ValueError(f"{type(self).__name__} is frozen: instance is frozen")  # pydantic's ValidationError is one
        if name in type(self).model_fields:
            self.__dict__[name] = value
        elif self._extra is not None and not name.startswith("_"):
            self._extra[name] = value
        else:
            raise ValueError(f'"{type(self).__name__}" object has no field "{name}"')
        self._fields_set.add(name)

    def __getattr__(self, name: str) -> Any:
        extra = self._extra if name not in PlainRecord.__slots__ else None
        if extra is not None and name in extra:
            return extra[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PlainRecord):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__ and self._extra == other._extra

    def __hash__(self) -> int:
        if not self.model_config["frozen"]:
            raise TypeError(f"unhashable type: {type(self).__name__!r}")
        return hash(tuple(self.__dict__.values()))

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        yield from self.__dict__.items()
        yield from (self._extra or {}).items()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(self._shown())})"

    def __str__(self) -> str:
        """pydantic's str(): the fields as in repr, without the class name (`expected='' actual=''`)."""
        return " ".join(self._shown())

    def _shown(self) -> Iterator[str]:
        return (f"{name}={value!r}" for name, value in self)

    def __copy__(self: _R) -> _R:
        """A shallow copy with state of its own, as pydantic's: without it copy.copy would hand the copy
        this instance's very `__dict__` (via __getstate__), and setting a field on one would set it on both."""
        return _new(type(self), dict(self.__dict__), set(self._fields_set), None if self._extra is None else dict(self._extra))

    def __getstate__(self) -> tuple[dict[str, Any], set[str], dict[str, Any] | None]:
        return self.__dict__, self._fields_set, self._extra

    def __setstate__(self, state: tuple[dict[str, Any], set[str], dict[str, Any] | None]) -> None:
        values, fields_set, extra = state
        object.__setattr__(self, "__dict__", values)
        object.__setattr__(self, "_fields_set", fields_set)
        object.__setattr__(self, "_extra", extra)


def _new(cls: type[_R], values: dict[str, Any], fields_set: set[str], extra: dict[str, Any] | None) -> _R:
    """An instance with exactly this state, nothing checked (plain_form and the twins' results)."""
    instance = cls.__new__(cls)
    object.__setattr__(instance, "__dict__", values)
    object.__setattr__(instance, "_fields_set", fields_set)
    object.__setattr__(instance, "_extra", extra)
    return instance


new_record = _new


def plain_instance(cls: type[_R], data: dict[str, Any]) -> _R:
    """`cls(**data)` when every value is already of its field's type (as pydantic would keep it), with
    the model's validators run; ValueError (NotPlain, InvalidValue) when pydantic must decide: an
    unknown key, a missing required field, a value to convert or one a validator refuses."""
    validators = cls.__validators__
    if validators.before is not None:
        data = validators.before(data)
    coercers = field_coercers(cls)
    fields = cls.model_fields
    values: dict[str, Any] = {}
    extra: dict[str, Any] | None = {} if cls.model_config["extra"] == "allow" else None
    for name, info in fields.items():
        if name in data:
            values[name] = coercers[name](data[name])
        elif info.default_factory is not None:
            made = info.default_factory()
            values[name] = coercers[name](made) if info.validate_default else made
        elif info.default is not MISSING:
            values[name] = coercers[name](info.default) if info.validate_default else info.default
        else:
            raise NotPlain(name)
        check = validators.fields.get(name)
        if check is not None and (name in data or info.validate_default):
            values[name] = check(values[name], values, _same_class)
    for name, value in data.items():
        if name not in fields:
            if extra is None:
                raise NotPlain(name)  # forbidden (pydantic reports it) or ignored (pydantic drops it)
            extra[name] = _extra_coercer(cls)(value)
    instance = _new(cls, values, set(data), extra)
    if validators.after is not None:
        validators.after(instance)
    return instance


def _same_class(model: type[Any]) -> Any:
    return model


def _extra_coercer(cls: type[PlainRecord]) -> Callable[[Any], Any]:
    annotation = getattr(cls, "__extra_type__", None)
    return _identity if annotation is None else coercer_of(annotation)


def _identity(value: Any) -> Any:
    return value


def field_types(cls: type[PlainRecord]) -> dict[str, Any]:
    """The fields' evaluated types (`from __future__ import annotations` leaves them as text)."""
    for klass in reversed(cls.__mro__):
        namespace = vars(sys.modules[klass.__module__])  # where the annotation was written
        for name, annotation in klass.__dict__.get("__annotations__", {}).items():
            info = cls.model_fields.get(name)
            if info is not None and info.annotation is None:
                info.annotation = eval(annotation, namespace) if isinstance(annotation, str) else annotation  # noqa: S307
    return {name: info.annotation for name, info in cls.model_fields.items()}


def field_coercers(cls: type[PlainRecord]) -> dict[str, Callable[[Any], Any]]:
    coercers = cls.__dict__.get("_coercers")
    if coercers is None:
        coercers = {name: _with_limits(coercer_of(annotation), cls.model_fields[name])
                    for name, annotation in field_types(cls).items()}
        cls._coercers = coercers
    return coercers


def _with_limits(coerce: Callable[[Any], Any], info: FieldInfo) -> Callable[[Any], Any]:
    if info.ge is None and info.le is None and info.min_length is None:
        return coerce

    def within(value: Any) -> Any:
        value = coerce(value)
        if (info.ge is not None and value < info.ge) or (info.le is not None and value > info.le) \
                or (info.min_length is not None and len(value) < info.min_length):
            raise NotPlain(value)
        return value
    return within


def coercer_of(annotation: Any) -> Callable[[Any], Any]:
    """What takes a value already of type `annotation` as pydantic would keep it; NotPlain otherwise.
    (Strictness needs no flag: only an int is an int here, never "2024".)"""
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        converted = [m for m in annotation.__metadata__ if isinstance(m, Converted)]
        return converted[0].convert if converted else coercer_of(args[0])
    if origin in (Union, UnionType):
        options = [coercer_of(a) for a in args if a is not type(None)]
        nullable = len(options) < len(args)
        return _union(options, nullable)
    if origin is Literal:
        allowed = set(args)
        return lambda value: value if type(value) is str and value in allowed else _refuse(value)
    if origin is list:
        item = coercer_of(args[0])
        return lambda value: [item(v) for v in value] if type(value) is list else _refuse(value)
    if origin is tuple:
        parts = [coercer_of(a) for a in args]
        return lambda value: tuple(c(v) for c, v in zip(parts, value, strict=True)) \
            if type(value) is tuple and len(value) == len(parts) else _refuse(value)
    if origin is dict:
        key, item = coercer_of(args[0]), coercer_of(args[1])
        return lambda value: {key(k): item(v) for k, v in value.items()} if type(value) is dict else _refuse(value)
    if isinstance(annotation, type) and (issubclass(annotation, (PlainRecord, Enum)) or annotation in (str, bool)):
        kind = annotation
        return lambda value: value if isinstance(value, kind) and (kind is not str or type(value) is str) else _refuse(value)
    if annotation is int:
        return lambda value: value if type(value) is int else _refuse(value)
    if annotation is Decimal:  # pydantic refuses NaN and the infinities here (its finite_number error)
        return lambda value: value if type(value) is Decimal and value.is_finite() else _refuse(value)
    if isinstance(annotation, type):  # Decimal and other exact types: kept as they are
        exact = annotation
        return lambda value: value if type(value) is exact else _refuse(value)
    raise TypeError(f"no plain reading for {annotation!r}")


def _union(options: list[Callable[[Any], Any]], nullable: bool) -> Callable[[Any], Any]:
    if len(options) == 1:
        only = options[0]
        return (lambda value: None if value is None else only(value)) if nullable else only
    raise TypeError("unions of several types are left to pydantic")


def _refuse(value: Any) -> Any:
    raise NotPlain(value)
