//! Stemming folded words: Snowball French and English, with what folding hides given back.

use std::cell::RefCell;

use rust_stemmers::Stemmer;
use rustc_hash::FxHashMap as HashMap;

use super::{lang_index, Lang, Lexicon};

/// Most stems a folded word is known by (see [`stems`]).
const STEMS_MAX: usize = 4;

/// The stems of one word.
pub(super) type Stems = [Option<String>; STEMS_MAX];

/// Words whose stems one thread keeps per language (see [`Lexicon::with_stems`]): about 1 MB.
const STEM_CACHE_WORDS: usize = 8192;

/// The stems a folded word is known by. French words are first given back what folding hides
/// from the stemmer: Snowball strips `ée`/`ées` only with the accent, so a final `ee` becomes
/// `e` (`syndiquee` meets `syndiqué`). A French word longer than four letters is also stemmed
/// without a final `s`, `e` or `es`, because the stemmer does not always bring plural and
/// feminine forms together (`cancers`/`cancer`, `antillaise`/`antillais`).
pub(super) fn stems(stemmer: &Stemmer, lang: Lang, word: &str) -> Stems {
    let stem = |w: &str| {
        let w = if lang == Lang::Fr && w.ends_with("ee") {
            &w[..w.len() - 1]
        } else {
            w
        };
        stemmer.stem(w).into_owned()
    };
    // A stem of three letters from a longer word (`remissions` → `rem`) would meet unrelated
    // words (`remis`): such stems are not used.
    let usable = |s: &String| s.chars().count() >= 4 || word.chars().count() <= 4;
    let mut out: Stems = Default::default();
    out[0] = Some(stem(word)).filter(usable);
    if lang == Lang::Fr && word.len() > 4 {
        for (slot, ending) in ["s", "e", "es"].into_iter().enumerate() {
            if let Some(base) = word.strip_suffix(ending) {
                let s = stem(base);
                if usable(&s) && !out.contains(&Some(s.clone())) {
                    out[slot + 1] = Some(s);
                }
            }
        }
    }
    out
}

impl Lexicon {
    /// Calls `f` with the stems of a folded word ([`stems`]), from a per-thread cache: the
    /// words of lead messages repeat (a message's vocabulary is small and shared), and
    /// stemming costs far more than a look-up. Stems depend on the word alone, so one cache
    /// serves every lexicon; it is emptied when full, which bounds its memory.
    pub(super) fn with_stems<R>(&self, lang: Lang, word: &str, f: impl FnOnce(&Stems) -> R) -> R {
        thread_local! {
            static CACHE: RefCell<[HashMap<Box<str>, Stems>; 2]> = RefCell::default();
        }
        CACHE.with(|cache| {
            let cache = &mut cache.borrow_mut()[lang_index(lang)];
            if let Some(found) = cache.get(word) {
                return f(found);
            }
            if cache.len() >= STEM_CACHE_WORDS {
                cache.clear();
            }
            let computed = stems(&self.stemmers[lang_index(lang)], lang, word);
            let r = f(&computed);
            cache.insert(Box::from(word), computed);
            r
        })
    }
}
