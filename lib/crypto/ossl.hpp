// libcognito (internal) — RAII for OpenSSL handles.
//
// Only lib/crypto and lib/srp include this header (OpenSSL stays confined
// there). Secret bignums use SecretBnPtr: allocated with BN_secure_new and
// freed with BN_clear_free.
#pragma once

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

#include "cognito/error.hpp"
#include "cognito/result.hpp"

namespace cognito::crypto {

struct BnFree {
  void operator()(BIGNUM* p) const noexcept { BN_free(p); }
};
struct BnClearFree {
  void operator()(BIGNUM* p) const noexcept { BN_clear_free(p); }
};
struct BnCtxFree {
  void operator()(BN_CTX* p) const noexcept { BN_CTX_free(p); }
};
struct BnMontCtxFree {
  void operator()(BN_MONT_CTX* p) const noexcept { BN_MONT_CTX_free(p); }
};
struct EvpMdCtxFree {
  void operator()(EVP_MD_CTX* p) const noexcept { EVP_MD_CTX_free(p); }
};
struct EvpMacCtxFree {
  void operator()(EVP_MAC_CTX* p) const noexcept { EVP_MAC_CTX_free(p); }
};
struct EvpPkeyFree {
  void operator()(EVP_PKEY* p) const noexcept { EVP_PKEY_free(p); }
};
struct EvpPkeyCtxFree {
  void operator()(EVP_PKEY_CTX* p) const noexcept { EVP_PKEY_CTX_free(p); }
};
struct ParamBldFree {
  void operator()(OSSL_PARAM_BLD* p) const noexcept { OSSL_PARAM_BLD_free(p); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const noexcept { OSSL_PARAM_free(p); }
};

using BnPtr = std::unique_ptr<BIGNUM, BnFree>;
using SecretBnPtr = std::unique_ptr<BIGNUM, BnClearFree>;
using BnCtxPtr = std::unique_ptr<BN_CTX, BnCtxFree>;
using BnMontCtxPtr = std::unique_ptr<BN_MONT_CTX, BnMontCtxFree>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, EvpMdCtxFree>;
using EvpMacCtxPtr = std::unique_ptr<EVP_MAC_CTX, EvpMacCtxFree>;
using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyFree>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, EvpPkeyCtxFree>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, ParamFree>;

/// A public bignum (may be null on allocation failure; check).
inline BnPtr bn_new() { return BnPtr(BN_new()); }
/// A secret bignum: secure heap when initialised, wiped on free, and flagged
/// BN_FLG_CONSTTIME so OpenSSL picks constant-time code paths for it.
inline SecretBnPtr bn_secure_new() {
  SecretBnPtr p(BN_secure_new());
  if (p) BN_set_flags(p.get(), BN_FLG_CONSTTIME);
  return p;
}

/// The SHA-256 implementation, fetched once (never null after a successful
/// first call; null if the default provider has no SHA-256).
const EVP_MD* sha256_md() noexcept;

/// Error for a failed OpenSSL primitive; `what` names it (never secret data).
/// Clears OpenSSL's thread error queue.
Error ossl_error(const char* what);

}  // namespace cognito::crypto
