//! The set of places, looked up by id, in the order they were created.

use super::place::{name_key, Place, PlaceId, PlaceKind};

/// Every place, in creation order, with lookups by id and by name.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// Sorted by id: a ledger has a few dozen places, found by binary search faster than by hashing.
    list: Vec<Place>,
}

impl Places {
    pub fn new(mut list: Vec<Place>) -> Self {
        list.sort_by_key(|p| p.id);
        Places { list }
    }

    pub fn get(&self, id: PlaceId) -> Option<&Place> {
        let at = self.list.binary_search_by_key(&id, |p| p.id).ok()?;
        self.list.get(at)
    }

    pub fn kind(&self, id: PlaceId) -> Option<PlaceKind> {
        self.get(id).map(|p| p.kind)
    }

    pub fn name(&self, id: PlaceId) -> &str {
        self.get(id).map_or("?", |p| p.name.as_str())
    }

    pub fn find(&self, name: &str) -> Option<&Place> {
        let key = name_key(name);
        self.list.iter().find(|p| name_key(&p.name) == key)
    }

    pub fn all(&self) -> &[Place] {
        &self.list
    }

    pub fn iter(&self) -> impl Iterator<Item = &Place> {
        self.list.iter()
    }

    pub fn cards(&self) -> impl Iterator<Item = &Place> {
        self.list.iter().filter(|p| p.kind == PlaceKind::Card)
    }

    pub fn loans(&self) -> impl Iterator<Item = &Place> {
        self.list.iter().filter(|p| p.kind == PlaceKind::Loan)
    }

    pub fn buckets(&self) -> impl Iterator<Item = &Place> {
        self.list.iter().filter(|p| p.kind == PlaceKind::Bucket)
    }

    pub fn accounts(&self) -> impl Iterator<Item = &Place> {
        self.list.iter().filter(|p| p.kind.is_account())
    }

    /// Buckets held in the given account.
    pub fn buckets_in(&self, account: PlaceId) -> impl Iterator<Item = &Place> {
        self.buckets().filter(move |b| b.held_in() == Some(account))
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}
