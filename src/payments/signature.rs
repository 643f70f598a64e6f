//! Webhook signatures: HMAC-SHA256 of the raw body with `CHAPA_WEBHOOK_SECRET`.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Hex-encoded HMAC-SHA256 of `body` (what a genuine sender puts in the header).
pub fn sign(secret: &[u8], body: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts any key length");
    mac.update(body);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn decode_hex(s: &str) -> Option<Vec<u8>> {
    let s = s.trim();
    if s.len() % 2 != 0 || s.len() > 256 {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

/// Whether `signature` (hex) is the HMAC of `body`; compared in constant time.
///
/// An unset secret verifies nothing, so a misconfigured deployment fails closed.
pub fn verify(secret: &[u8], body: &[u8], signature: &str) -> bool {
    if secret.is_empty() {
        return false;
    }
    let Some(expected) = decode_hex(signature) else {
        return false;
    };
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts any key length");
    mac.update(body);
    mac.verify_slice(&expected).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_own_signature_rejects_others() {
        let body = br#"{"tx_ref":"order-1-abc","status":"success"}"#;
        let sig = sign(b"secret", body);
        assert!(verify(b"secret", body, &sig));
        assert!(
            verify(b"secret", body, &sig.to_uppercase()),
            "hex case is irrelevant"
        );
        assert!(!verify(b"other", body, &sig));
        assert!(!verify(b"secret", b"{}", &sig));
        assert!(!verify(b"secret", body, "zz"));
        assert!(!verify(b"secret", body, ""));
        assert!(
            !verify(b"", body, &sign(b"", body)),
            "empty secret never verifies"
        );
    }
}
