// libcognito (internal) — RSA public keys and RS256 verification over OpenSSL.
#include <openssl/err.h>
#include <openssl/rsa.h>

#include "crypto/crypto.hpp"
#include "crypto/ossl.hpp"

namespace cognito::crypto {

struct RsaPublicKey::Key {
  EvpPkeyPtr pkey;
  int bits = 0;
};

Result<RsaPublicKey> RsaPublicKey::from_components(std::string_view modulus, std::string_view exponent) {
  auto bn_from = [](std::string_view b) {
    return BnPtr(BN_bin2bn(reinterpret_cast<const unsigned char*>(b.data()), static_cast<int>(b.size()),
                           nullptr));
  };
  if (modulus.empty() || exponent.empty() || modulus.size() > kMaxBits / 8 + 1 || exponent.size() > 64)
    return fail(ErrorCode::InvalidArgument, "RSA key: bad modulus or exponent size");
  BnPtr n = bn_from(modulus);
  BnPtr e = bn_from(exponent);
  if (!n || !e) return ossl_error("BN_bin2bn");
  const int bits = BN_num_bits(n.get());
  if (bits < kMinBits || bits > kMaxBits)
    return fail(ErrorCode::InvalidArgument, "RSA key: modulus size out of range");
  if (!BN_is_odd(n.get())) return fail(ErrorCode::InvalidArgument, "RSA key: even modulus");
  if (!BN_is_odd(e.get()) || BN_is_one(e.get()) || BN_cmp(e.get(), n.get()) >= 0)
    return fail(ErrorCode::InvalidArgument, "RSA key: bad public exponent");

  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get()) != 1)
    return ossl_error("OSSL_PARAM_BLD_push_BN");
  ParamPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
  if (!params) return ossl_error("OSSL_PARAM_BLD_to_param");
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1) return ossl_error("EVP_PKEY_fromdata_init");
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1 || raw == nullptr) {
    ERR_clear_error();
    return fail(ErrorCode::InvalidArgument, "RSA key: rejected by OpenSSL");
  }
  auto key = std::make_shared<Key>();
  key->pkey.reset(raw);
  key->bits = bits;
  return RsaPublicKey(std::move(key));
}

Result<RsaPublicKey> RsaPublicKey::from_jwk(std::string_view n_b64url, std::string_view e_b64url) {
  auto n = base64url_decode(n_b64url);
  if (!n) return fail(ErrorCode::InvalidArgument, "RSA key: JWK 'n' is not base64url");
  auto e = base64url_decode(e_b64url);
  if (!e) return fail(ErrorCode::InvalidArgument, "RSA key: JWK 'e' is not base64url");
  return from_components(*n, *e);
}

Result<bool> RsaPublicKey::verify_rs256(std::string_view message, std::string_view signature) const {
  if (!key_) return fail(ErrorCode::InvalidState, "RSA key: empty");
  // A PKCS#1 v1.5 signature is exactly the modulus length.
  if (signature.size() != static_cast<std::size_t>((key_->bits + 7) / 8)) return false;
  const EVP_MD* md = sha256_md();
  if (md == nullptr) return ossl_error("EVP_MD_fetch(SHA256)");
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) return ossl_error("EVP_MD_CTX_new");
  EVP_PKEY_CTX* pctx = nullptr;  // owned by ctx
  if (EVP_DigestVerifyInit(ctx.get(), &pctx, md, nullptr, key_->pkey.get()) != 1)
    return ossl_error("EVP_DigestVerifyInit");
  if (EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) != 1)
    return ossl_error("EVP_PKEY_CTX_set_rsa_padding");
  const int rc = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                                  signature.size(),
                                  reinterpret_cast<const unsigned char*>(message.data()), message.size());
  ERR_clear_error();  // a mismatch leaves entries in the error queue
  return rc == 1;
}

int RsaPublicKey::bits() const noexcept { return key_ ? key_->bits : 0; }

}  // namespace cognito::crypto
