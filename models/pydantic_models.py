"""pydantic twins of the Records, built from their declarations: the validator for data of any shape
jixiao does not write itself, the JSON schema and model_dump. Imported on first need only.

A twin has the Record's class name, docstring, fields (types, defaults, titles, descriptions,
limits) and configuration, and the own validators (plain functions, `__validators__`) wrapped, so
its ValidationError (error types, locations, Chinese messages) and its JSON schema are what the
pydantic models gave before they became Records. A validated twin is turned back into Records.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterator, Mapping
from types import UnionType
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import (
    BaseModel,
    ConfigDict,
    PlainValidator,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic import Field as PydanticField
from pydantic_core import PydanticCustomError

from .plain_record import Converted, FieldCheck, FieldInfo, InvalidValue, PlainRecord, field_types, new_record

_R = TypeVar("_R", bound=PlainRecord)
_TWINS: dict[type[PlainRecord], type[BaseModel]] = {}
_RECORDS: dict[type[BaseModel], type[PlainRecord]] = {}
_BUILDING = threading.RLock()  # reentrant: a twin's build builds the twins of its fields' models


def validate(cls: type[_R], data: Any, **options: Any) -> _R:
    """`data` validated by the twin of `cls`, as Records; pydantic's ValidationError otherwise.

    A Record given in `data` that pydantic keeps as it is (an instance is never validated again) comes
    back as that very Record, as pydantic kept the instance: `Form(goals=goals, …).goals is goals`."""
    given: dict[int, tuple[BaseModel, PlainRecord]] = {}
    validated: _R = from_twin(twin_of(cls).model_validate(to_twin(data, given), **options), given)
    return validated


def validate_json(cls: type[_R], text: str | bytes, **options: Any) -> _R:
    validated: _R = from_twin(twin_of(cls).model_validate_json(text, **options))
    return validated


def twin_of(cls: type[PlainRecord]) -> type[BaseModel]:
    twin = _TWINS.get(cls)
    if twin is None:
        # One twin per Record, also when two threads first need them at once (the form list validates
        # in a thread while the editor opens a form): twins built twice mix, and a FundRow twin that
        # the other Funds twin does not take makes pydantic refuse a valid file (model_type).
        with _BUILDING:
            twin = _TWINS.get(cls)
            if twin is None:
                twin = _build(cls)
                _TWINS[cls], _RECORDS[twin] = twin, cls
    return twin


def to_twin(value: Any, given: dict[int, tuple[BaseModel, PlainRecord]] | None = None) -> Any:
    """Records (also nested in lists, tuples and dicts) as twins, constructed: nothing validated again.
    `given` collects each twin made, by id, with its Record (for from_twin)."""
    if isinstance(value, PlainRecord):
        twin = twin_of(type(value))
        fields = {name: to_twin(item, given) for name, item in value.__dict__.items()}
        extra = {name: to_twin(item, given) for name, item in (value.model_extra or {}).items()}
        made = twin.model_construct(_fields_set=set(value.model_fields_set), **fields, **extra)
        if given is not None:
            given[id(made)] = (made, value)
        return made
    return _inside(value, lambda item: to_twin(item, given))


def from_twin(value: Any, given: dict[int, tuple[BaseModel, PlainRecord]] | None = None) -> Any:
    """A validated twin as Records: the same values, the same fields set, the same extra fields; a
    twin to_twin made and pydantic kept is the Record it was made from."""
    if isinstance(value, BaseModel):
        kept = (given or {}).get(id(value))
        if kept is not None and kept[0] is value:
            return kept[1]
        cls = _RECORDS[type(value)]
        extra = value.__pydantic_extra__
        return new_record(cls, {name: from_twin(item, given) for name, item in value.__dict__.items()},
                          set(value.model_fields_set),
                          None if extra is None else {name: from_twin(item, given) for name, item in extra.items()})
    return _inside(value, lambda item: from_twin(item, given))


def _inside(value: Any, convert: Callable[[Any], Any]) -> Any:
    """`convert` applied to the items of a list, tuple or dict (a new container); anything else as it is.

    pydantic reads other containers too (a generator of Indicators as the list, a mapping as a table):
    their Records are converted as well. Another mapping or collection that holds one becomes a dict or
    list (what pydantic makes of it); an iterator is converted as pydantic reads it, item by item."""
    if isinstance(value, list):
        return [convert(item) for item in value]
    if isinstance(value, tuple):
        return tuple(convert(item) for item in value)
    if isinstance(value, dict):
        return {key: convert(item) for key, item in value.items()}
    if isinstance(value, str | bytes | bytearray | PlainRecord | BaseModel):
        return value
    if isinstance(value, Mapping):
        items = {key: convert(item) for key, item in value.items()}
        return items if any(items[key] is not item for key, item in value.items()) else value
    if isinstance(value, Iterator):
        return (convert(item) for item in value)
    if isinstance(value, Collection):
        converted = [convert(item) for item in value]
        return converted if any(new is not item for new, item in zip(converted, value, strict=True)) else value
    return value


def _build(cls: type[PlainRecord]) -> type[BaseModel]:
    config = cls.model_config
    namespace: dict[str, Any] = {
        "__module__": cls.__module__, "__qualname__": cls.__qualname__, "__doc__": cls.__doc__,
        "model_config": ConfigDict(extra=config["extra"], frozen=config["frozen"], validate_assignment=False,
                                   defer_build=True),
    }
    annotations: dict[str, Any] = {}
    for name, annotation in field_types(cls).items():
        annotations[name] = _twin_type(annotation)
        namespace[name] = _twin_field(cls.model_fields[name])
    extra_type = getattr(cls, "__extra_type__", None)
    if extra_type is not None:
        annotations["__pydantic_extra__"] = dict[str, _twin_type(extra_type)]  # type: ignore[misc]
    namespace["__annotations__"] = annotations
    namespace.update(_validators(cls))
    return type(cls.__name__, (BaseModel,), namespace)


def _twin_field(info: FieldInfo) -> Any:
    options: dict[str, Any] = {"title": info.title, "description": info.description}
    if info.default_factory is not None:
        options["default_factory"] = _twin_factory(info.default_factory)
    elif not info.is_required():
        options["default"] = info.default
    if info.strict:
        options["strict"] = True
    if info.validate_default:
        options["validate_default"] = True
    for limit in ("ge", "le", "min_length"):
        if getattr(info, limit) is not None:
            options[limit] = getattr(info, limit)
    return PydanticField(**options)


def _twin_factory(factory: Callable[[], Any]) -> Callable[[], Any]:
    if isinstance(factory, type) and issubclass(factory, PlainRecord):
        return twin_of(factory)
    return lambda: to_twin(factory())


def _twin_type(annotation: Any) -> Any:
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Annotated:
        converted = [m for m in annotation.__metadata__ if isinstance(m, Converted)]
        if not converted:
            return annotation
        rule = converted[0]
        return Annotated[args[0], PlainValidator(_pydantic_errors(rule.convert)), WithJsonSchema(rule.json_schema)]
    if origin in (Union, UnionType):
        return Union[tuple(_twin_type(a) for a in args)]  # noqa: UP007 (built from a tuple)
    if origin in (list, tuple, dict):
        return origin[tuple(_twin_type(a) for a in args)]
    if isinstance(annotation, type) and issubclass(annotation, PlainRecord):
        return twin_of(annotation)
    return annotation


def _pydantic_errors(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`convert` with its InvalidValue raised as pydantic's PydanticCustomError (same type, same message)."""
    def validator(value: Any) -> Any:
        try:
            return convert(value)
        except InvalidValue as error:
            raise PydanticCustomError(error.kind, error.template, error.context) from None
    return validator


def _validators(cls: type[PlainRecord]) -> dict[str, Any]:
    """The model's own validators (plain functions), as pydantic validators."""
    own = cls.__validators__
    found: dict[str, Any] = {}
    if own.before is not None:
        found["_before"] = model_validator(mode="before")(_as_classmethod(own.before))
    for name, check in own.fields.items():
        found[f"_check_{name}"] = field_validator(name)(_field_check(check))
    if own.after is not None:
        found["_after"] = model_validator(mode="after")(_pydantic_errors(own.after))
    return found


def _as_classmethod(before: Callable[[Any], Any]) -> Any:
    def validator(cls: type[BaseModel], data: Any) -> Any:
        return _pydantic_errors(before)(data)
    return classmethod(validator)


def _field_check(check: FieldCheck) -> Any:
    def validator(cls: type[BaseModel], value: Any, info: ValidationInfo) -> Any:
        try:
            return check(value, info.data, twin_of)
        except InvalidValue as error:
            raise PydanticCustomError(error.kind, error.template, error.context) from None
    return classmethod(validator)
