// Fuzz target: the JSON decoder of every operation's response (and of every
// other generated shape: data types and requests), cognito/model.hpp.
//
// Input: byte 0 picks the type (responses first, then data types, then
// requests; modulo the table size), the rest is the JSON text.
//
// Properties checked beyond "no crash":
//  - a failure is MalformedResponse / MissingField / WrongType and leaves the
//    output object unchanged (here: still default-constructed);
//  - whatever decodes re-encodes (to_json), and the encoding decodes again to
//    an equal object (round trip).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cognito/model.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace cognito;

template <class T>
void check_type(std::string_view json, const char* name) {
  T v;
  auto r = from_json(json, v);
  if (!r) {
    const ErrorCode c = r.error().code;
    FUZZ_CHECK(c == ErrorCode::MalformedResponse || c == ErrorCode::MissingField || c == ErrorCode::WrongType,
               std::string(name) + ": unexpected error code " + std::string(error_code_name(c)));
    FUZZ_CHECK(v == T{}, std::string(name) + ": a failed from_json changed its output");
    return;
  }
  auto encoded = to_json(v);
  FUZZ_CHECK(encoded.has_value(), std::string(name) + ": decoded value does not re-encode: " +
                                      (encoded ? std::string() : encoded.error().message));
  T w;
  auto again = from_json(encoded->reveal(), w);
  FUZZ_CHECK(again.has_value(), std::string(name) + ": re-encoded value does not decode: " +
                                    (again ? std::string() : again.error().message));
  FUZZ_CHECK(v == w, std::string(name) + ": round trip changed the value");
}

struct Entry {
  const char* name;
  void (*run)(std::string_view, const char*);
};

#define ENTRY(T) Entry{#T, &check_type<T>}

const Entry kEntries[] = {
    ENTRY(AssociateSoftwareTokenResponse),
    ENTRY(ChangePasswordResponse),
    ENTRY(CompleteWebAuthnRegistrationResponse),
    ENTRY(ConfirmDeviceResponse),
    ENTRY(ConfirmForgotPasswordResponse),
    ENTRY(ConfirmSignUpResponse),
    ENTRY(DeleteUserResponse),
    ENTRY(DeleteUserAttributesResponse),
    ENTRY(DeleteWebAuthnCredentialResponse),
    ENTRY(ForgetDeviceResponse),
    ENTRY(ForgotPasswordResponse),
    ENTRY(GetDeviceResponse),
    ENTRY(GetTokensFromRefreshTokenResponse),
    ENTRY(GetUserResponse),
    ENTRY(GetUserAttributeVerificationCodeResponse),
    ENTRY(GetUserAuthFactorsResponse),
    ENTRY(GlobalSignOutResponse),
    ENTRY(InitiateAuthResponse),
    ENTRY(ListDevicesResponse),
    ENTRY(ListWebAuthnCredentialsResponse),
    ENTRY(ResendConfirmationCodeResponse),
    ENTRY(RespondToAuthChallengeResponse),
    ENTRY(RevokeTokenResponse),
    ENTRY(SetUserMFAPreferenceResponse),
    ENTRY(SetUserSettingsResponse),
    ENTRY(SignUpResponse),
    ENTRY(StartWebAuthnRegistrationResponse),
    ENTRY(UpdateAuthEventFeedbackResponse),
    ENTRY(UpdateDeviceStatusResponse),
    ENTRY(UpdateUserAttributesResponse),
    ENTRY(VerifySoftwareTokenResponse),
    ENTRY(VerifyUserAttributeResponse),
    ENTRY(AnalyticsMetadata),
    ENTRY(Attribute),
    ENTRY(NewDeviceMetadata),
    ENTRY(AuthenticationResult),
    ENTRY(CodeDeliveryDetails),
    ENTRY(DeviceSecretVerifierConfig),
    ENTRY(Device),
    ENTRY(EmailMfaSettings),
    ENTRY(MfaOption),
    ENTRY(SmsMfaSettings),
    ENTRY(SoftwareTokenMfaSettings),
    ENTRY(UserContextData),
    ENTRY(WebAuthnCredentialDescription),
    ENTRY(WebAuthnMfaSettings),
    ENTRY(AssociateSoftwareTokenRequest),
    ENTRY(ChangePasswordRequest),
    ENTRY(CompleteWebAuthnRegistrationRequest),
    ENTRY(ConfirmDeviceRequest),
    ENTRY(ConfirmForgotPasswordRequest),
    ENTRY(ConfirmSignUpRequest),
    ENTRY(DeleteUserRequest),
    ENTRY(DeleteUserAttributesRequest),
    ENTRY(DeleteWebAuthnCredentialRequest),
    ENTRY(ForgetDeviceRequest),
    ENTRY(ForgotPasswordRequest),
    ENTRY(GetDeviceRequest),
    ENTRY(GetTokensFromRefreshTokenRequest),
    ENTRY(GetUserRequest),
    ENTRY(GetUserAttributeVerificationCodeRequest),
    ENTRY(GetUserAuthFactorsRequest),
    ENTRY(GlobalSignOutRequest),
    ENTRY(InitiateAuthRequest),
    ENTRY(ListDevicesRequest),
    ENTRY(ListWebAuthnCredentialsRequest),
    ENTRY(ResendConfirmationCodeRequest),
    ENTRY(RespondToAuthChallengeRequest),
    ENTRY(RevokeTokenRequest),
    ENTRY(SetUserMFAPreferenceRequest),
    ENTRY(SetUserSettingsRequest),
    ENTRY(SignUpRequest),
    ENTRY(StartWebAuthnRegistrationRequest),
    ENTRY(UpdateAuthEventFeedbackRequest),
    ENTRY(UpdateDeviceStatusRequest),
    ENTRY(UpdateUserAttributesRequest),
    ENTRY(VerifySoftwareTokenRequest),
    ENTRY(VerifyUserAttributeRequest),
};

#undef ENTRY

constexpr std::size_t kCount = sizeof(kEntries) / sizeof(kEntries[0]);

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const Entry& e = kEntries[data[0] % kCount];
  e.run(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), e.name);
  return 0;
}
