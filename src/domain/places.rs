//! The set of places, looked up by id, in the order they were created.

use super::place::{name_key, Place, PlaceId, PlaceKind};
use std::collections::HashMap;

/// Every place, in creation order, with lookups by id and by name.
#[derive(Debug, Clone, Default)]
pub struct Places {
    list: Vec<Place>,
    by_id: HashMap<PlaceId, usize>,
}

impl Places {
    pub fn new(mut list: Vec<Place>) -> Self {
        list.sort_by_key(|p| p.id);
        let by_id = list.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
        Places { list, by_id }
    }

    pub fn get(&self, id: PlaceId) -> Option<&Place> {
        self.by_id.get(&id).map(|&i| &self.list[i])
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
