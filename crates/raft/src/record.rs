//! Serde for the flat configuration structs (`#[serde(default)]` records of numbers, flags
//! and other records) through one shared reader and writer instead of a derived pair per
//! struct: in the page's wasm each derived `Deserialize` was 1.4–3.4 KB of field matching and
//! option juggling. The format is exactly the derive's: a struct of named fields (a map in
//! JSON; a tuple in bincode), missing fields from `Default`, unknown fields skipped,
//! duplicates rejected, the same error texts (`tests/record_serde.rs` compares them).
//! Records without a default (required fields and `Option`s, like a run's raw timed action)
//! are read the same way.

use crate::confchange::ConfChangeStep;
use crate::config::ReadMode;
use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeStruct;
pub use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One field, borrowed for reading into.
pub enum Slot<'a> {
    U64(&'a mut u64),
    U32(&'a mut u32),
    Usize(&'a mut usize),
    Bool(&'a mut bool),
    ReadMode(&'a mut ReadMode),
    Record(&'a mut dyn Record),
    Str(&'a mut String),
    OptU64(&'a mut Option<u64>),
    OptBool(&'a mut Option<bool>),
    OptStr(&'a mut Option<String>),
    OptGroups(&'a mut Option<Vec<Vec<u64>>>),
    OptStep(&'a mut Option<ConfChangeStep>),
    OptRecord(&'a mut dyn OptRecord),
}

/// An `Option` of a record, for reading into.
pub trait OptRecord {
    /// `None`.
    fn clear(&mut self);
    /// `Some` of the record's default, to read into.
    fn fill(&mut self) -> &mut dyn Record;
}

impl<R: Record + Default> OptRecord for Option<R> {
    fn clear(&mut self) {
        *self = None;
    }
    fn fill(&mut self) -> &mut dyn Record {
        self.insert(R::default())
    }
}

/// One field, borrowed for writing.
pub enum Field<'a> {
    U64(u64),
    U32(u32),
    Usize(usize),
    Bool(bool),
    ReadMode(ReadMode),
    Record(&'a dyn Fields),
}

/// A struct whose serde goes through this module; implement it with [`record!`](crate::record!).
pub trait Record {
    /// The struct's name, as the derive passes it to the format.
    fn name(&self) -> &'static str;
    /// Field names in declaration order.
    fn names(&self) -> &'static [&'static str];
    /// Every field in declaration order, for reading into.
    fn slots(&mut self) -> Vec<Slot<'_>>;
    /// Back to `Default` (a nested record is read from its own default, as the derive does).
    fn reset(&mut self);
    /// Whether missing fields keep their defaults (`#[serde(default)]` on the struct). If not,
    /// a missing element of the tuple form is an error, and so is a missing required field.
    fn defaults(&self) -> bool {
        true
    }
    /// Bit `i` set: field `i` must be present (it is not an `Option`); only without defaults.
    fn required(&self) -> u64 {
        0
    }
}

/// A record that is also written.
pub trait Fields: Record {
    /// Every field in declaration order, for writing.
    fn fields(&self) -> Vec<Field<'_>>;
}

/// Implements [`Record`], [`Fields`], `Serialize` and `Deserialize` for a struct with `Default`, listing
/// every field (the destructuring fails to compile if one is missing).
#[macro_export]
macro_rules! record {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl $crate::record::Record for $ty {
            fn name(&self) -> &'static str {
                stringify!($ty)
            }
            fn names(&self) -> &'static [&'static str] {
                &[$(stringify!($field)),*]
            }
            fn slots(&mut self) -> Vec<$crate::record::Slot<'_>> {
                let $ty { $($field),* } = self;
                vec![$($crate::record::Slot::from($field)),*]
            }
            fn reset(&mut self) {
                *self = <$ty as Default>::default();
            }
        }
        impl $crate::record::Fields for $ty {
            fn fields(&self) -> Vec<$crate::record::Field<'_>> {
                let $ty { $($field),* } = self;
                vec![$($crate::record::Field::from($field)),*]
            }
        }
        impl $crate::record::Serialize for $ty {
            fn serialize<S: $crate::record::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $crate::record::serialize(self, s)
            }
        }
        impl<'de> $crate::record::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::record::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let mut value = <$ty as Default>::default();
                $crate::record::deserialize(d, &mut value)?;
                Ok(value)
            }
        }
    };
}

macro_rules! conversions {
    ($($ty:ty => $variant:ident),*) => {$(
        impl<'a> From<&'a mut $ty> for Slot<'a> {
            fn from(v: &'a mut $ty) -> Self {
                Slot::$variant(v)
            }
        }
        impl<'a> From<&'a $ty> for Field<'a> {
            fn from(v: &'a $ty) -> Self {
                Field::$variant(*v)
            }
        }
    )*};
}
conversions!(u64 => U64, u32 => U32, usize => Usize, bool => Bool, ReadMode => ReadMode);

impl<'a, R: Record> From<&'a mut R> for Slot<'a> {
    fn from(r: &'a mut R) -> Self {
        Slot::Record(r)
    }
}

impl<'a, R: Fields> From<&'a R> for Field<'a> {
    fn from(r: &'a R) -> Self {
        Field::Record(r)
    }
}

/// Writes `record` as the derive would: a struct of its fields in order.
pub fn serialize<S: Serializer>(record: &dyn Fields, s: S) -> Result<S::Ok, S::Error> {
    let names = record.names();
    let mut out = s.serialize_struct(record.name(), names.len())?;
    for (name, field) in names.iter().zip(record.fields()) {
        match field {
            Field::U64(v) => out.serialize_field(name, &v)?,
            Field::U32(v) => out.serialize_field(name, &v)?,
            Field::Usize(v) => out.serialize_field(name, &v)?,
            Field::Bool(v) => out.serialize_field(name, &v)?,
            Field::ReadMode(v) => out.serialize_field(name, &v)?,
            Field::Record(r) => out.serialize_field(name, &Nested(r))?,
        }
    }
    out.end()
}

struct Nested<'a>(&'a dyn Fields);

impl Serialize for Nested<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize(self.0, s)
    }
}

/// Reads into `record` (already at its default) as the derive would.
pub fn deserialize<'de, D: Deserializer<'de>>(
    d: D,
    record: &mut dyn Record,
) -> Result<(), D::Error> {
    d.deserialize_struct(record.name(), record.names(), RecordVisitor(record))
}

struct RecordVisitor<'r>(&'r mut dyn Record);

impl<'de> Visitor<'de> for RecordVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "struct {}", self.0.name())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let names = self.0.names();
        let mut slots = self.0.slots();
        let mut seen = 0u64;
        while let Some(key) = map.next_key_seed(Key(names))? {
            let Some(i) = key else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            if seen & (1 << i) != 0 {
                return Err(de::Error::duplicate_field(names[i]));
            }
            seen |= 1 << i;
            map.next_value_seed(SlotSeed(&mut slots[i]))?;
        }
        drop(slots);
        let missing = self.0.required() & !seen;
        if missing != 0 {
            let first = missing.trailing_zeros() as usize;
            return Err(de::Error::missing_field(names[first]));
        }
        Ok(())
    }

    /// The derive reads one element per field and keeps the default for each one missing
    /// (without defaults, a missing one is an error).
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let (name, count, defaults) = (self.0.name(), self.0.names().len(), self.0.defaults());
        for (i, slot) in self.0.slots().iter_mut().enumerate() {
            if seq.next_element_seed(SlotSeed(slot))?.is_none() && !defaults {
                return Err(de::Error::invalid_length(i, &Elements(name, count)));
            }
        }
        Ok(())
    }
}

/// What the derive expects of a struct in tuple form: "struct X with N elements".
struct Elements(&'static str, usize);

impl de::Expected for Elements {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let plural = if self.1 == 1 { "" } else { "s" };
        write!(f, "struct {} with {} element{plural}", self.0, self.1)
    }
}

/// A field name: `Some(index)`, or `None` for a field the struct does not have.
struct Key(&'static [&'static str]);

impl<'de> DeserializeSeed<'de> for Key {
    type Value = Option<usize>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Key {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("field identifier")
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<usize>, E> {
        Ok(usize::try_from(v).ok().filter(|&i| i < self.0.len()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|n| *n == v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|n| n.as_bytes() == v))
    }
}

struct SlotSeed<'s, 'a>(&'s mut Slot<'a>);

impl<'de> DeserializeSeed<'de> for SlotSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match self.0 {
            Slot::U64(v) => **v = u64::deserialize(d)?,
            Slot::U32(v) => **v = u32::deserialize(d)?,
            Slot::Usize(v) => **v = usize::deserialize(d)?,
            Slot::Bool(v) => **v = bool::deserialize(d)?,
            Slot::ReadMode(v) => **v = ReadMode::deserialize(d)?,
            Slot::Record(r) => {
                r.reset();
                deserialize(d, &mut **r)?;
            }
            Slot::Str(v) => **v = String::deserialize(d)?,
            Slot::OptU64(v) => **v = Option::deserialize(d)?,
            Slot::OptBool(v) => **v = Option::deserialize(d)?,
            Slot::OptStr(v) => **v = Option::deserialize(d)?,
            Slot::OptGroups(v) => **v = Option::deserialize(d)?,
            Slot::OptStep(v) => **v = Option::deserialize(d)?,
            Slot::OptRecord(r) => d.deserialize_option(OptionVisitor(&mut **r))?,
        }
        Ok(())
    }
}

/// `Option<R>` as serde reads it: none or unit is `None`, anything else the record.
struct OptionVisitor<'r>(&'r mut dyn OptRecord);

impl<'de> Visitor<'de> for OptionVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("option")
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.0.clear();
        Ok(())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.0.clear();
        Ok(())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        deserialize(d, self.0.fill())
    }
}
