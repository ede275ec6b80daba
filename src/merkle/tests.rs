//! RFC 6962 test vectors (the eight leaves of the Certificate Transparency reference tests, as in
//! transparency-dev/merkle), then every proof of every tree up to 40 leaves checked both ways.

use super::*;

fn h(s: &str) -> Hash {
    hex::decode(s).unwrap().try_into().unwrap()
}

fn leaves() -> Vec<Hash> {
    let data: [&[u8]; 8] = [
        b"",
        b"\x00",
        b"\x10",
        b"\x20\x21",
        b"\x30\x31",
        b"\x40\x41\x42\x43",
        b"\x50\x51\x52\x53\x54\x55\x56\x57",
        b"\x60\x61\x62\x63\x64\x65\x66\x67\x68\x69\x6a\x6b\x6c\x6d\x6e\x6f",
    ];
    data.iter().map(|d| leaf_hash(d)).collect()
}

const ROOTS: [&str; 8] = [
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];

#[test]
fn roots_match_the_rfc_6962_vectors_built_whole_and_appended() {
    assert_eq!(
        empty_root(),
        h("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    );
    let l = leaves();
    let mut f = Frontier::default();
    for (n, want) in ROOTS.iter().enumerate() {
        f.push(l[n]);
        assert_eq!(root(&l[..=n]), h(want), "MTH of {} leaves", n + 1);
        assert_eq!(f.root(), h(want), "frontier of {} leaves", n + 1);
        assert_eq!(f.size(), n as u64 + 1);
        let resumed = Frontier::resume(f.size(), f.subtrees().to_vec()).unwrap();
        assert_eq!(resumed, f);
    }
    assert!(
        Frontier::resume(3, vec![l[0]]).is_none(),
        "3 needs two subtrees"
    );
}

#[test]
fn inclusion_proofs_match_the_vectors() {
    let l = leaves();
    let cases: [(usize, usize, &[&str]); 4] = [
        (
            0,
            8,
            &[
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ],
        ),
        (
            5,
            8,
            &[
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
        ),
        (
            2,
            3,
            &["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"],
        ),
        (
            1,
            5,
            &[
                "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ],
        ),
    ];
    for (index, size, want) in cases {
        let proof = inclusion_proof(&l[..size], index).unwrap();
        let want: Vec<Hash> = want.iter().map(|s| h(s)).collect();
        assert_eq!(proof, want, "leaf {index} of {size}");
        let r = h(ROOTS[size - 1]);
        assert!(verify_inclusion(
            &l[index],
            index as u64,
            size as u64,
            &proof,
            &r
        ));
    }
    assert!(inclusion_proof(&l, 8).is_none());
}

#[test]
fn consistency_proofs_match_the_vectors() {
    let l = leaves();
    let cases: [(usize, usize, &[&str]); 3] = [
        (
            1,
            8,
            &[
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ],
        ),
        (
            6,
            8,
            &[
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ],
        ),
        (
            2,
            5,
            &[
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ],
        ),
    ];
    for (old, new, want) in cases {
        let proof = consistency_proof(&l[..new], old).unwrap();
        let want: Vec<Hash> = want.iter().map(|s| h(s)).collect();
        assert_eq!(proof, want, "{old} → {new}");
        let (r1, r2) = (h(ROOTS[old - 1]), h(ROOTS[new - 1]));
        assert!(verify_consistency(old as u64, new as u64, &r1, &r2, &proof));
    }
}

/// Leaves 0…n−1 as their index bytes.
fn numbered(n: usize) -> Vec<Hash> {
    (0..n)
        .map(|i| leaf_hash(&(i as u64).to_be_bytes()))
        .collect()
}

#[test]
fn every_proof_of_every_small_tree_verifies_and_any_change_breaks_it() {
    let all = numbered(40);
    for size in 1..=all.len() {
        let l = &all[..size];
        let r = root(l);
        for index in 0..size {
            let proof = inclusion_proof(l, index).unwrap();
            let (i, s) = (index as u64, size as u64);
            assert!(
                verify_inclusion(&l[index], i, s, &proof, &r),
                "{index}/{size}"
            );
            // Another leaf, another index, a tampered path: all refused.
            let other = (index + 1) % size;
            if other != index {
                assert!(!verify_inclusion(&l[other], i, s, &proof, &r));
                assert!(!verify_inclusion(&l[index], other as u64, s, &proof, &r));
            }
            for k in 0..proof.len() {
                let mut bad = proof.clone();
                bad[k][0] ^= 1;
                assert!(!verify_inclusion(&l[index], i, s, &bad, &r));
            }
        }
        for old in 1..=size {
            let proof = consistency_proof(l, old).unwrap();
            let r1 = root(&l[..old]);
            let (o, n) = (old as u64, size as u64);
            assert!(verify_consistency(o, n, &r1, &r, &proof), "{old} → {size}");
            if old < size {
                let mut forged = l[..old].to_vec();
                forged[old - 1][0] ^= 1;
                assert!(
                    !verify_consistency(o, n, &root(&forged), &r, &proof),
                    "an edited prefix {old} → {size}"
                );
                for k in 0..proof.len() {
                    let mut bad = proof.clone();
                    bad[k][31] ^= 0x80;
                    assert!(!verify_consistency(o, n, &r1, &r, &bad));
                }
            }
        }
    }
}
