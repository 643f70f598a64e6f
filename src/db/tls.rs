//! TLS to PostgreSQL: the `sslmode` of `DATABASE_URL` picks the connector.
//!
//! tokio-postgres understands only `disable`, `prefer` and `require` and
//! verifies nothing itself, so the libpq parameters `sslmode` and
//! `sslrootcert` are taken out of the URL here and turned into a rustls
//! connector:
//!
//! | `sslmode` | connection |
//! |---|---|
//! | `disable`, `allow`, `prefer` (default) | plain TCP, no TLS attempted |
//! | `require` | TLS; the certificate is not checked (as libpq does without `sslrootcert`) |
//! | `verify-ca` | TLS; the chain must lead to a trusted root |
//! | `verify-full` | TLS; the chain and the host name must match |
//!
//! Trusted roots are the PEM file named by `sslrootcert` if given (and then
//! `require` verifies the chain, as in libpq), else the Mozilla roots of
//! `webpki-roots`.

use std::{path::PathBuf, sync::Arc};

use rustls::{
    DigitallySignedStruct, SignatureScheme,
    client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier},
    crypto::CryptoProvider,
    pki_types::{CertificateDer, ServerName, UnixTime, pem::PemObject},
};
use tokio_postgres_rustls::MakeRustlsConnect;

/// How a connection is protected, from `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// No TLS (`disable`, `allow`, `prefer`).
    Plain,
    /// TLS without certificate checks (`require`).
    Require,
    /// TLS with the chain verified, any host name (`verify-ca`).
    VerifyCa,
    /// TLS with the chain and the host name verified (`verify-full`).
    VerifyFull,
}

/// A parsed `DATABASE_URL`: what tokio-postgres needs plus the TLS choice.
#[derive(Clone)]
pub struct Target {
    /// Host, user, database and the rest; its `ssl_mode` matches [`Target::mode`].
    pub config: tokio_postgres::Config,
    /// Whether and how TLS is used.
    pub mode: SslMode,
    /// `sslrootcert`: PEM file of trusted roots.
    pub root_cert: Option<PathBuf>,
}

/// The connector a pool or a single connection uses.
#[derive(Clone)]
pub enum Connector {
    /// Plain TCP.
    Plain,
    /// TLS with rustls.
    Rustls(MakeRustlsConnect),
}

impl Target {
    /// Parses a URL (`postgres://...?sslmode=verify-full`) or key/value string (`host=... sslmode=require`).
    pub fn parse(url: &str) -> Result<Self, String> {
        let (rest, params) = take_tls_params(url);
        let mut mode = SslMode::Plain;
        let mut root_cert = None;
        for (key, value) in params {
            match key.as_str() {
                "sslmode" => {
                    mode = match value.as_str() {
                        "disable" | "allow" | "prefer" => SslMode::Plain,
                        "require" => SslMode::Require,
                        "verify-ca" => SslMode::VerifyCa,
                        "verify-full" => SslMode::VerifyFull,
                        other => {
                            return Err(format!(
                                "sslmode `{other}` is not one of disable, allow, prefer, \
                                 require, verify-ca, verify-full"
                            ));
                        }
                    }
                }
                _ => root_cert = Some(PathBuf::from(value)),
            }
        }
        if mode == SslMode::Require && root_cert.is_some() {
            mode = SslMode::VerifyCa;
        }
        let mut config: tokio_postgres::Config = rest.parse().map_err(|e| format!("{e}"))?;
        config.ssl_mode(match mode {
            SslMode::Plain => tokio_postgres::config::SslMode::Disable,
            _ => tokio_postgres::config::SslMode::Require,
        });
        Ok(Self {
            config,
            mode,
            root_cert,
        })
    }

    /// Builds the connector for [`Target::mode`]; reads `sslrootcert` if set.
    pub fn connector(&self) -> anyhow::Result<Connector> {
        if self.mode == SslMode::Plain {
            return Ok(Connector::Plain);
        }
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()?;
        let config = match self.mode {
            SslMode::Require => builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(AnyCertificate(provider)))
                .with_no_client_auth(),
            SslMode::VerifyCa => {
                let inner = rustls::client::WebPkiServerVerifier::builder_with_provider(
                    Arc::new(self.roots()?),
                    provider,
                )
                .build()?;
                builder
                    .dangerous()
                    .with_custom_certificate_verifier(Arc::new(AnyHostName(inner)))
                    .with_no_client_auth()
            }
            SslMode::VerifyFull | SslMode::Plain => builder
                .with_root_certificates(self.roots()?)
                .with_no_client_auth(),
        };
        Ok(Connector::Rustls(MakeRustlsConnect::new(config)))
    }

    /// `sslrootcert`'s certificates, or the Mozilla roots.
    fn roots(&self) -> anyhow::Result<rustls::RootCertStore> {
        use anyhow::Context as _;
        let Some(path) = &self.root_cert else {
            return Ok(rustls::RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            });
        };
        let mut roots = rustls::RootCertStore::empty();
        for cert in CertificateDer::pem_file_iter(path)
            .with_context(|| format!("reading sslrootcert {}", path.display()))?
        {
            roots
                .add(cert.with_context(|| format!("parsing sslrootcert {}", path.display()))?)
                .with_context(|| format!("sslrootcert {}", path.display()))?;
        }
        Ok(roots)
    }
}

/// Splits `sslmode` and `sslrootcert` off a URL's query or a key/value string.
fn take_tls_params(url: &str) -> (String, Vec<(String, String)>) {
    let is_tls_param = |pair: &str| {
        pair.split_once('=')
            .is_some_and(|(k, _)| k == "sslmode" || k == "sslrootcert")
    };
    let to_pair = |pair: &str| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k.to_owned(), v.to_owned())
    };
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let Some((base, query)) = url.split_once('?') else {
            return (url.to_owned(), Vec::new());
        };
        let (tls, kept): (Vec<&str>, Vec<&str>) = query.split('&').partition(|p| is_tls_param(p));
        let rest = if kept.is_empty() {
            base.to_owned()
        } else {
            format!("{base}?{}", kept.join("&"))
        };
        (rest, tls.into_iter().map(to_pair).collect())
    } else {
        let (tls, kept): (Vec<&str>, Vec<&str>) =
            url.split_whitespace().partition(|p| is_tls_param(p));
        (kept.join(" "), tls.into_iter().map(to_pair).collect())
    }
}

/// `sslmode=require`: encrypts, checks the handshake signatures, trusts any certificate.
#[derive(Debug)]
struct AnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `sslmode=verify-ca`: the full `WebPKI` check, except that the name may differ.
#[derive(Debug)]
struct AnyHostName(Arc<rustls::client::WebPkiServerVerifier>);

impl ServerCertVerifier for AnyHostName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        use rustls::{CertificateError, Error};
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sslmode_picks_the_connector_and_defaults_to_plain() {
        let cases = [
            ("postgres://u@h/db", SslMode::Plain),
            ("postgres://u@h/db?sslmode=disable", SslMode::Plain),
            ("postgres://u@h/db?sslmode=prefer", SslMode::Plain),
            ("postgres://u@h/db?sslmode=require", SslMode::Require),
            (
                "postgres://u@h/db?connect_timeout=5&sslmode=verify-ca",
                SslMode::VerifyCa,
            ),
            ("postgres://u@h/db?sslmode=verify-full", SslMode::VerifyFull),
            (
                "host=h user=u dbname=db sslmode=verify-full",
                SslMode::VerifyFull,
            ),
        ];
        for (url, mode) in cases {
            let target = Target::parse(url).unwrap_or_else(|e| panic!("{url}: {e}"));
            assert_eq!(target.mode, mode, "{url}");
            let tls = !matches!(target.connector().unwrap(), Connector::Plain);
            assert_eq!(tls, mode != SslMode::Plain, "{url}: connector");
            assert_eq!(
                target.config.get_ssl_mode(),
                if tls {
                    tokio_postgres::config::SslMode::Require
                } else {
                    tokio_postgres::config::SslMode::Disable
                },
                "{url}: tokio-postgres must not fall back to plain TCP"
            );
            assert_eq!(target.config.get_dbname(), Some("db"), "{url}");
        }
        let timeout = Target::parse("postgres://u@h/db?connect_timeout=5&sslmode=verify-ca")
            .unwrap()
            .config;
        assert_eq!(
            timeout.get_connect_timeout(),
            Some(&std::time::Duration::from_secs(5)),
            "other parameters survive"
        );
    }

    #[test]
    fn sslrootcert_makes_require_verify_the_chain_and_must_be_readable() {
        let target =
            Target::parse("postgres://u@h/db?sslmode=require&sslrootcert=/no/such/root.crt")
                .unwrap();
        assert_eq!(target.mode, SslMode::VerifyCa);
        let error = target.connector().err().expect("missing file").to_string();
        assert!(error.contains("sslrootcert"), "{error}");
    }

    #[test]
    fn unknown_sslmode_is_rejected() {
        let error = Target::parse("postgres://u@h/db?sslmode=always")
            .err()
            .expect("unknown mode");
        assert!(error.contains("sslmode"), "{error}");
    }
}
