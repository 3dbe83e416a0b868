//! Character positions (what saphyr-parser reports) to byte offsets (what spans hold).

/// Character index → byte offset, cheap for ASCII and bounded for other text:
/// a checkpoint every 64 characters, then a short walk.
pub(super) struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
    checkpoints: Vec<u32>,
}

const CHECKPOINT_EVERY: usize = 64;

impl<'a> CharOffsets<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let checkpoints = if ascii {
            Vec::new()
        } else {
            text.char_indices()
                .step_by(CHECKPOINT_EVERY)
                .map(|(i, _)| i as u32)
                .collect()
        };
        CharOffsets {
            text,
            ascii,
            checkpoints,
        }
    }

    pub(super) fn byte(&self, char_index: usize) -> u32 {
        if self.ascii {
            return char_index.min(self.text.len()) as u32;
        }
        let checkpoint = char_index / CHECKPOINT_EVERY;
        let Some(&base) = self.checkpoints.get(checkpoint) else {
            return self.text.len() as u32;
        };
        let walk = char_index % CHECKPOINT_EVERY;
        let rest = &self.text[base as usize..];
        match rest.char_indices().nth(walk) {
            Some((i, _)) => base + i as u32,
            None => self.text.len() as u32,
        }
    }
}
