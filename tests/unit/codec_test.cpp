// The JSON codec (include/cognito/model.hpp, lib/wire): exact request texts,
// tolerant and strict decoding, error codes and paths, documents, timestamps,
// and the Client's request defaults. Round trips of every operation are in
// the generated codec_roundtrip_test.cpp.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <set>
#include <string>
#include <string_view>

#include "codec_samples.inc"
#include "cognito/model.hpp"
#include "cognito/srp.hpp"
#include "core/request_defaults.hpp"
#include "wire/json.hpp"
#include "wire/model_codec.hpp"

namespace cognito {
namespace {

template <class T>
std::string encode(const T& v) {
  auto r = to_json(v);
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  return std::string(r->reveal());
}

template <class T>
T decode(std::string_view json) {
  T out;
  auto r = from_json(json, out);
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  return out;
}

template <class T>
Error decode_error(std::string_view json) {
  T out;
  auto r = from_json(json, out);
  REQUIRE_FALSE(r.has_value());
  return r.error();
}

template <class T>
std::string encode_with(const T& v, std::string_view client_id, const SecretString* secret) {
  detail::RequestDefaults d{client_id, secret};
  auto r = detail::encode_request(v, d);
  REQUIRE_MESSAGE(r.has_value(), r.error().message);
  return std::string(r->reveal());
}

}  // namespace

TEST_CASE("codec operation names") {
  CHECK(operation_names.size() == 32);
  CHECK(std::is_sorted(operation_names.begin(), operation_names.end()));
  const std::set<std::string_view> unique(operation_names.begin(), operation_names.end());
  CHECK(unique.size() == operation_names.size());
  for (std::string_view op : {"SignUp", "InitiateAuth", "RespondToAuthChallenge", "GetTokensFromRefreshToken",
                              "UpdateAuthEventFeedback", "StartWebAuthnRegistration", "GetUserAuthFactors"})
    CHECK(unique.count(op) == 1);
  CHECK(unique.count("AdminInitiateAuth") == 0);
}

TEST_CASE("codec enum constants") {
  CHECK(auth_flow::user_srp_auth == "USER_SRP_AUTH");
  CHECK(challenge_name::password_verifier == "PASSWORD_VERIFIER");
  CHECK(challenge_name::web_authn == "WEB_AUTHN");
  CHECK(device_remembered_status::not_remembered == "not_remembered");
  CHECK(feedback_value::valid == "Valid");
  CHECK(verify_software_token_status::success == "SUCCESS");
  CHECK(delivery_medium::email == "EMAIL");
  CHECK(auth_factor::sms_otp == "SMS_OTP");

  InitiateAuthResponse rsp;
  rsp.challenge_name = std::string(challenge_name::sms_mfa);
  CHECK(rsp.challenge_name == challenge_name::sms_mfa);
}

TEST_CASE("codec exact request text") {
  SUBCASE("InitiateAuth with AuthParameters (map keys ordered)") {
    InitiateAuthRequest r;
    r.auth_flow = std::string(auth_flow::user_srp_auth);
    r.client_id = "client1";
    r.auth_parameters.emplace("USERNAME", SecretString("alice"));
    r.auth_parameters.emplace("SRP_A", SecretString("0a1b"));
    r.auth_parameters.emplace("SECRET_HASH", SecretString("h/+="));
    CHECK(encode(r) == R"({"AuthFlow":"USER_SRP_AUTH",)"
                       R"("AuthParameters":{"SECRET_HASH":"h/+=","SRP_A":"0a1b","USERNAME":"alice"},)"
                       R"("ClientId":"client1"})");
  }
  SUBCASE("RespondToAuthChallenge with optional members") {
    RespondToAuthChallengeRequest r;
    r.client_id = "c";
    r.challenge_name = std::string(challenge_name::password_verifier);
    r.session = SecretString("s");
    r.challenge_responses.emplace("USERNAME", SecretString("u"));
    r.client_metadata.emplace("k", "v");
    r.user_context_data = UserContextData{};
    r.user_context_data->encoded_data = "fp";
    CHECK(encode(r) == R"({"ClientId":"c","ChallengeName":"PASSWORD_VERIFIER","Session":"s",)"
                       R"("ChallengeResponses":{"USERNAME":"u"},"UserContextData":{"EncodedData":"fp"},)"
                       R"("ClientMetadata":{"k":"v"}})");
  }
  SUBCASE("absent members are omitted, required ones always written") {
    CHECK(encode(SignUpRequest{}) == R"({"ClientId":"","Username":""})");
    CHECK(encode(GetUserRequest{}) == R"({"AccessToken":""})");
    CHECK(encode(DeleteUserAttributesRequest{}) == R"({"UserAttributeNames":[],"AccessToken":""})");
    CHECK(encode(ChangePasswordResponse{}) == "{}");
    CHECK(encode(DeleteUserResponse{}) == "{}");
  }
  SUBCASE("booleans, integers, nested structs, lists") {
    SetUserMFAPreferenceRequest r;
    r.access_token = SecretString("t");
    r.sms_mfa_settings = SmsMfaSettings{};
    r.sms_mfa_settings->enabled = true;
    r.software_token_mfa_settings = SoftwareTokenMfaSettings{false, true};
    CHECK(encode(r) ==
          R"({"SMSMfaSettings":{"Enabled":true},)"
          R"("SoftwareTokenMfaSettings":{"Enabled":false,"PreferredMfa":true},"AccessToken":"t"})");

    ListDevicesRequest l;
    l.access_token = SecretString("t");
    l.limit = 60;
    CHECK(encode(l) == R"({"AccessToken":"t","Limit":60})");

    UpdateUserAttributesRequest u;
    u.access_token = SecretString("t");
    u.user_attributes.push_back(Attribute{"email", std::string("a@example.com")});
    u.user_attributes.push_back(Attribute{"custom:x", std::nullopt});
    CHECK(encode(u) == R"({"UserAttributes":[{"Name":"email","Value":"a@example.com"},{"Name":"custom:x"}],)"
                       R"("AccessToken":"t"})");
  }
  SUBCASE("strings are escaped and may hold any UTF-8, including NUL") {
    SignUpRequest r;
    r.client_id = "c";
    r.username = "a\"b\\c\n\x01\xc3\xa9\xf0\x9f\x98\x80";
    r.username.push_back('\0');
    const std::string json = encode(r);
    CHECK(json ==
          "{\"ClientId\":\"c\",\"Username\":\"a\\\"b\\\\c\\n\\u0001\xc3\xa9\xf0\x9f\x98\x80\\u0000\"}");
    CHECK(decode<SignUpRequest>(json) == r);
  }
}

TEST_CASE("codec encoding errors") {
  SignUpRequest r;
  r.username = "bad\xff";
  auto e = to_json(r);
  REQUIRE_FALSE(e.has_value());
  CHECK(e.error().code == ErrorCode::InvalidArgument);
  CHECK(e.error().message == "SignUpRequest.Username is not valid UTF-8");

  SignUpRequest s;
  s.user_attributes.resize(2);
  s.user_attributes[1].value = "\xc3";
  e = to_json(s);
  REQUIRE_FALSE(e.has_value());
  CHECK(e.error().message == "SignUpRequest.UserAttributes[1].Value is not valid UTF-8");

  ListWebAuthnCredentialsResponse l;
  l.credentials.resize(1);
  l.credentials[0].created_at = std::nan("");
  e = to_json(l);
  REQUIRE_FALSE(e.has_value());
  CHECK(e.error().code == ErrorCode::InvalidArgument);
  CHECK(e.error().message ==
        "ListWebAuthnCredentialsResponse.Credentials[0].CreatedAt is not a finite number");
  l.credentials[0].created_at = HUGE_VAL;
  CHECK_FALSE(to_json(l).has_value());
}

TEST_CASE("codec unknown members are ignored") {
  const auto rsp = decode<GetUserResponse>(
      R"({"Username":"u","NewTopLevel":{"deep":[1,{"x":null}]},"UserAttributes":[)"
      R"({"Name":"email","Value":"a@b","Future":true},{"Name":"sub","Extra":[[]]}],"MFAOptions":[],)"
      R"("UserMFASettingList":["SOFTWARE_TOKEN_MFA"],"Zzz":1e300})");
  CHECK(rsp.username == "u");
  REQUIRE(rsp.user_attributes.size() == 2);
  CHECK(rsp.user_attributes[0] == Attribute{"email", std::string("a@b")});
  CHECK(rsp.user_attributes[1] == Attribute{"sub", std::nullopt});
  CHECK(rsp.mfa_options.empty());
  CHECK(rsp.user_mfa_setting_list == std::vector<std::string>{"SOFTWARE_TOKEN_MFA"});
  CHECK_FALSE(rsp.preferred_mfa_setting.has_value());

  // A future enum value decodes as is.
  const auto auth = decode<InitiateAuthResponse>(R"({"ChallengeName":"QUANTUM_MFA","Session":"s"})");
  CHECK(auth.challenge_name == "QUANTUM_MFA");
}

TEST_CASE("codec null counts as absent") {
  const auto r = decode<InitiateAuthResponse>(
      R"({"ChallengeName":null,"Session":null,"ChallengeParameters":null,"AuthenticationResult":null,)"
      R"("AvailableChallenges":null})");
  CHECK(r == InitiateAuthResponse{});

  const auto a = decode<RespondToAuthChallengeResponse>(
      R"({"AuthenticationResult":{"AccessToken":"a","ExpiresIn":null,"NewDeviceMetadata":null}})");
  REQUIRE(a.authentication_result.has_value());
  CHECK(a.authentication_result->access_token == SecretString("a"));
  CHECK_FALSE(a.authentication_result->expires_in.has_value());
}

TEST_CASE("codec missing required members") {
  Error e = decode_error<SignUpResponse>(R"({"UserConfirmed":true})");
  CHECK(e.code == ErrorCode::MissingField);
  CHECK(e.message == "SignUpResponse.UserSub is missing");

  e = decode_error<SignUpResponse>(R"({"UserConfirmed":null,"UserSub":"x"})");
  CHECK(e.code == ErrorCode::MissingField);
  CHECK(e.message == "SignUpResponse.UserConfirmed is missing");

  e = decode_error<GetDeviceResponse>("{}");
  CHECK(e.message == "GetDeviceResponse.Device is missing");

  e = decode_error<GetUserResponse>(R"({"Username":"u","UserAttributes":[{"Name":"a"},{"Value":"x"}]})");
  CHECK(e.code == ErrorCode::MissingField);
  CHECK(e.message == "GetUserResponse.UserAttributes[1].Name is missing");

  e = decode_error<GetDeviceResponse>(R"({"Device":{"DeviceAttributes":[{"Value":"v"}]}})");
  CHECK(e.message == "GetDeviceResponse.Device.DeviceAttributes[0].Name is missing");

  e = decode_error<ListWebAuthnCredentialsResponse>(
      R"({"Credentials":[{"CredentialId":"c","FriendlyCredentialName":"n","RelyingPartyId":"r",)"
      R"("AuthenticatorTransports":[]}]})");
  CHECK(e.message == "ListWebAuthnCredentialsResponse.Credentials[0].CreatedAt is missing");

  e = decode_error<StartWebAuthnRegistrationResponse>(R"({"CredentialCreationOptions":null})");
  CHECK(e.message == "StartWebAuthnRegistrationResponse.CredentialCreationOptions is missing");

  // Nested shapes decoded on their own are named by their wire shape.
  e = decode_error<Attribute>(R"({"Value":"v"})");
  CHECK(e.message == "AttributeType.Name is missing");
}

TEST_CASE("codec wrong types") {
  struct Case {
    std::string_view json;
    std::string_view message;
  };
  const Case cases[] = {
      {R"({"UserConfirmed":"true","UserSub":"x"})", "SignUpResponse.UserConfirmed is not a boolean"},
      {R"({"UserConfirmed":1,"UserSub":"x"})", "SignUpResponse.UserConfirmed is not a boolean"},
      {R"({"UserConfirmed":true,"UserSub":7})", "SignUpResponse.UserSub is not a string"},
      {R"({"UserConfirmed":true,"UserSub":"x","CodeDeliveryDetails":"email"})",
       "SignUpResponse.CodeDeliveryDetails is not an object"},
      {R"({"UserConfirmed":true,"UserSub":"x","CodeDeliveryDetails":{"DeliveryMedium":["EMAIL"]}})",
       "SignUpResponse.CodeDeliveryDetails.DeliveryMedium is not a string"},
      {R"({"UserConfirmed":true,"UserSub":"x","Session":{}})", "SignUpResponse.Session is not a string"},
  };
  for (const Case& c : cases) {
    INFO(std::string(c.json));
    const Error e = decode_error<SignUpResponse>(c.json);
    CHECK(e.code == ErrorCode::WrongType);
    CHECK(e.message == c.message);
  }

  Error e = decode_error<GetUserResponse>(R"({"Username":"u","UserAttributes":{"Name":"a"}})");
  CHECK(e.code == ErrorCode::WrongType);
  CHECK(e.message == "GetUserResponse.UserAttributes is not an array");
  e = decode_error<GetUserResponse>(R"({"Username":"u","UserAttributes":[null]})");
  CHECK(e.message == "GetUserResponse.UserAttributes[0] is not an object");
  e = decode_error<GetUserResponse>(R"({"Username":"u","UserAttributes":[],"UserMFASettingList":["A",2]})");
  CHECK(e.message == "GetUserResponse.UserMFASettingList[1] is not a string");
  e = decode_error<ListDevicesResponse>(R"({"Devices":[{"DeviceCreateDate":"2024-01-01"}]})");
  CHECK(e.code == ErrorCode::WrongType);
  CHECK(e.message == "ListDevicesResponse.Devices[0].DeviceCreateDate is not a number");
}

TEST_CASE("codec 32-bit integers") {
  auto expires = [](std::string_view number) {
    return decode<InitiateAuthResponse>(R"({"AuthenticationResult":{"ExpiresIn":)" + std::string(number) +
                                        "}}")
        .authentication_result->expires_in;
  };
  CHECK(expires("3600") == 3600);
  CHECK(expires("-2147483648") == -2147483648LL);
  CHECK(expires("2147483647") == 2147483647);
  CHECK(expires("3600.0") == 3600);
  CHECK(expires("3.6e3") == 3600);
  for (std::string_view bad :
       {"2147483648", "-2147483649", "1.5", "1e10", "18446744073709551615", "\"3600\"", "true", "[3600]"}) {
    INFO(std::string(bad));
    InitiateAuthResponse out;
    auto r = from_json(R"({"AuthenticationResult":{"ExpiresIn":)" + std::string(bad) + "}}", out);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == ErrorCode::WrongType);
    CHECK(r.error().message == "InitiateAuthResponse.AuthenticationResult.ExpiresIn is not a 32-bit integer");
  }
}

TEST_CASE("codec timestamps in exponent notation") {
  auto created = [](std::string_view number) {
    const auto r = decode<ListWebAuthnCredentialsResponse>(
        R"({"Credentials":[{"CredentialId":"c","FriendlyCredentialName":"n","RelyingPartyId":"r",)"
        R"("AuthenticatorTransports":["usb","internal"],"CreatedAt":)" +
        std::string(number) + "}]}");
    return r.credentials.at(0).created_at;
  };
  CHECK(created("1.682955829578E9") == 1682955829.578);
  CHECK(created("1.682955829578e+9") == 1682955829.578);
  CHECK(created("1682955829578E-3") == 1682955829.578);
  CHECK(created("1682955829") == 1682955829.0);
  CHECK(created("1.6E9") == 1600000000.0);
  CHECK(created("0") == 0.0);
  CHECK(created("0e70") == 0.0);
  CHECK(created("0.000e-400") == 0.0);
  CHECK(created("1.7976931348623157e308") == 1.7976931348623157e308);
  CHECK(created("1e-400") == 0.0);
  CHECK(created("4.9406564584124654e-324") == 4.9406564584124654e-324);
  CHECK(created("0.30000000000000004") == 0.30000000000000004);
  CHECK(created("400400000000000000000000000000000000.5") == 400400000000000000000000000000000000.5);
  CHECK(created("18446744073709551616") == 18446744073709551616.0);

  const auto d = decode<GetDeviceResponse>(
      R"({"Device":{"DeviceKey":"us-east-1_abc","DeviceCreateDate":1.682955829578E9,)"
      R"("DeviceLastModifiedDate":1682955830,"DeviceLastAuthenticatedDate":1.7E9}})");
  CHECK(d.device.device_create_date == 1682955829.578);
  CHECK(d.device.device_last_modified_date == 1682955830.0);
  CHECK(d.device.device_last_authenticated_date == 1.7e9);
}

TEST_CASE("codec map values must be strings") {
  Error e = decode_error<InitiateAuthResponse>(R"({"ChallengeParameters":{"USERNAME":"u","SRP_B":5}})");
  CHECK(e.code == ErrorCode::WrongType);
  CHECK(e.message == "InitiateAuthResponse.ChallengeParameters.SRP_B is not a string");
  e = decode_error<InitiateAuthResponse>(R"({"ChallengeParameters":{"X":null}})");
  CHECK(e.message == "InitiateAuthResponse.ChallengeParameters.X is not a string");
  e = decode_error<InitiateAuthResponse>(R"({"ChallengeParameters":{"X":{"a":"b"}}})");
  CHECK(e.code == ErrorCode::WrongType);
  e = decode_error<InitiateAuthResponse>(R"({"ChallengeParameters":["a"]})");
  CHECK(e.message == "InitiateAuthResponse.ChallengeParameters is not an object");
  e = decode_error<InitiateAuthRequest>(
      R"({"AuthFlow":"x","ClientId":"c","AuthParameters":{"PASSWORD":true}})");
  CHECK(e.message == "InitiateAuthRequest.AuthParameters.PASSWORD is not a string");

  const auto ok = decode<InitiateAuthResponse>(
      R"({"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{"SALT":"ab","SRP_B":"cd","SALT":"ef",)"
      R"("requiredAttributes":"[\"email\"]"}})");
  CHECK(ok.challenge_parameters.size() == 3);
  CHECK(ok.challenge_parameters.at("SALT") == "ef");  // duplicate keys: the last wins
  CHECK(ok.challenge_parameters.at("requiredAttributes") == R"(["email"])");
}

TEST_CASE("codec malformed bodies") {
  const std::string deep_array(100000, '[');
  std::string deep_member = R"({"Username":"u","UserAttributes":[],"X":)";
  for (int i = 0; i < 70; ++i) deep_member += "[";
  for (int i = 0; i < 70; ++i) deep_member += "]";
  deep_member += "}";
  const std::string_view bodies[] = {
      "<html><body><h1>502 Bad Gateway</h1></body></html>",
      "",
      "   \r\n",
      R"({"Username":"u",)",
      R"({"Username":"u")",
      R"({"Username":"u","UserAttributes":[]} trailing)",
      R"({"Username":"u","UserAttributes":[]}{})",
      "[]",
      "null",
      "42",
      R"("string")",
      "true",
      R"({"Username":NaN,"UserAttributes":[]})",
      R"({"Username":"u","UserAttributes":[],"X":Infinity})",
      R"({"Username":"u","UserAttributes":[],"X":-Infinity})",
      R"({"Username":"u","UserAttributes":[],"X":1e999})",
      "{\"Username\":\"\xff\xfe\",\"UserAttributes\":[]}",
      "{\"Username\":\"\xc3\",\"UserAttributes\":[]}",
      R"({"Username":'u',"UserAttributes":[]})",
      R"({Username:"u"})",
      R"({"Username":"u\x41","UserAttributes":[]})",
      R"({"Username":"u","UserAttributes":[],})",
      R"({"Username":"\uDC00","UserAttributes":[]})",
      R"({"Username":"a\uDFFFb","UserAttributes":[]})",
      R"({"Username":"\uD800","UserAttributes":[]})",
      R"({"Username":"\uD800\u0041","UserAttributes":[]})",
      R"({"Username":"u","UserAttributes":[],"\uDC01":1})",
      deep_array,
      deep_member,
  };
  std::size_t i = 0;
  for (std::string_view body : bodies) {
    CAPTURE(i++);
    GetUserResponse out;
    out.username = "unchanged";
    auto r = from_json(body, out);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == ErrorCode::MalformedResponse);
    CHECK(out.username == "unchanged");  // a failed decode leaves the target alone
  }
  // Escaped surrogate pairs are fine.
  CHECK(decode<GetUserResponse>(R"({"Username":"\uD83D\uDE00\\uDC00","UserAttributes":[]})").username ==
        "\xf0\x9f\x98\x80\\uDC00");

  // NUL inside the text (not escaped) is not JSON either.
  GetUserResponse out;
  CHECK(from_json(std::string_view("{\"Username\":\"a\0\"}", 16), out).error().code ==
        ErrorCode::MalformedResponse);

  // Nesting up to the limit is fine.
  std::string ok = R"({"Username":"u","UserAttributes":[],"X":)";
  for (int n = 0; n < detail::json::kMaxDepth - 1; ++n) ok += "[";
  for (int n = 0; n < detail::json::kMaxDepth - 1; ++n) ok += "]";
  ok += "}";
  CHECK(decode<GetUserResponse>(ok).username == "u");
}

TEST_CASE("codec failed decode leaves the target unchanged") {
  SignUpResponse out = samples::Sample<SignUpResponse>::make(4);
  const SignUpResponse before = samples::Sample<SignUpResponse>::make(4);
  CHECK_FALSE(from_json(R"({"UserConfirmed":true,"UserSub":"x","Session":5})", out).has_value());
  CHECK(out == before);
}

TEST_CASE("codec JsonDocument") {
  SUBCASE("request: sent as raw JSON, outer whitespace trimmed") {
    CompleteWebAuthnRegistrationRequest r;
    r.access_token = SecretString("t");
    r.credential.json =
        " \n{\"id\": \"abc\", \"response\": {\"clientDataJSON\": \"e30\"}, \"n\": [1, 2.50]}\t ";
    CHECK(encode(r) ==
          R"({"AccessToken":"t",)"
          R"("Credential":{"id": "abc", "response": {"clientDataJSON": "e30"}, "n": [1, 2.50]}})");
    // Decoding re-serialises compactly.
    const auto back = decode<CompleteWebAuthnRegistrationRequest>(encode(r));
    CHECK(back.credential.json == R"({"id":"abc","response":{"clientDataJSON":"e30"},"n":[1,2.5]})");
  }
  SUBCASE("any JSON value") {
    for (std::string_view doc : {"[1,2]", R"("text")", "12", "true", "null", "{}"}) {
      CompleteWebAuthnRegistrationRequest r;
      r.credential.json = std::string(doc);
      const std::string json = encode(r);
      CHECK(json == R"({"AccessToken":"","Credential":)" + std::string(doc) + "}");
      if (doc != "null") CHECK(decode<CompleteWebAuthnRegistrationRequest>(json).credential.json == doc);
    }
  }
  SUBCASE("invalid documents are refused") {
    for (std::string_view doc : {"", " ", "{", R"({"a":1} {"b":2})", "{'a':1}", "NaN", "\"\xff\""}) {
      CompleteWebAuthnRegistrationRequest r;
      r.credential.json = std::string(doc);
      auto e = to_json(r);
      REQUIRE_FALSE(e.has_value());
      CHECK(e.error().code == ErrorCode::InvalidArgument);
      CHECK(e.error().message == "CompleteWebAuthnRegistrationRequest.Credential is not valid JSON");
    }
  }
  SUBCASE("response document") {
    const auto rsp = decode<StartWebAuthnRegistrationResponse>(
        R"({"CredentialCreationOptions": {"challenge": "abc", "rp": {"id": "example.com", "name": "Ex"},)"
        R"( "pubKeyCredParams": [{"alg": -7, "type": "public-key"}], "timeout": 60000, "x": 1.5E3}})");
    CHECK(rsp.credential_creation_options.json ==
          R"({"challenge":"abc","rp":{"id":"example.com","name":"Ex"},)"
          R"("pubKeyCredParams":[{"alg":-7,"type":"public-key"}],"timeout":60000,"x":1500.0})");
    CHECK(decode<StartWebAuthnRegistrationResponse>(encode(rsp)) == rsp);
  }
  SUBCASE("numbers keep their value") {
    const auto rsp = decode<StartWebAuthnRegistrationResponse>(
        R"({"CredentialCreationOptions":[0.30000000000000004,5e-324,-0.0,-9223372036854775808,)"
        R"(18446744073709551615,18446744073709551616,1.5e300,400400000000000000000000000000000000.5]})");
    // RapidJSON's Grisu2 output: not always the shortest text, but it reads back as the same double.
    CHECK(rsp.credential_creation_options.json ==
          "[0.30000000000000007,5e-324,-0.0,-9223372036854775808,18446744073709551615,18446744073709553000.0,"
          "1.5e300,4.004e35]");
    CHECK(decode<StartWebAuthnRegistrationResponse>(encode(rsp)) == rsp);
  }
}

TEST_CASE("codec request defaults: ClientId and SecretHash") {
  const SecretString secret("secret");
  SignUpRequest r;
  r.username = "Mess";
  SUBCASE("filled from the defaults, hash of the request's Username") {
    CHECK(encode_with(r, "age", &secret) ==
          R"({"ClientId":"age","SecretHash":"qnR8UCqJggD55PohusaBNviGoOJ67HC6Btry4qXLVZc=",)"
          R"("Username":"Mess"})");
  }
  SUBCASE("explicit ClientId is kept and used for the hash") {
    r.client_id = "other";
    const auto expected = secret_hash("secret", "Mess", "other");
    REQUIRE(expected.has_value());
    CHECK(encode_with(r, "age", &secret) ==
          R"({"ClientId":"other","SecretHash":")" + *expected + R"(","Username":"Mess"})");
  }
  SUBCASE("explicit SecretHash is kept") {
    r.secret_hash = SecretString("given");
    CHECK(encode_with(r, "age", &secret) == R"({"ClientId":"age","SecretHash":"given","Username":"Mess"})");
  }
  SUBCASE("no secret: no SecretHash") {
    CHECK(encode_with(r, "age", nullptr) == R"({"ClientId":"age","Username":"Mess"})");
    const SecretString empty;
    CHECK(encode_with(r, "age", &empty) == R"({"ClientId":"age","Username":"Mess"})");
  }
  SUBCASE("no client id anywhere with a secret: InvalidArgument") {
    detail::RequestDefaults d{"", &secret};
    auto e = detail::encode_request(r, d);
    REQUIRE_FALSE(e.has_value());
    CHECK(e.error().code == ErrorCode::InvalidArgument);
  }
  SUBCASE("the request object is not modified") {
    (void)encode_with(r, "age", &secret);
    CHECK(r.client_id.empty());
    CHECK_FALSE(r.secret_hash.has_value());
  }
}

TEST_CASE("codec request defaults: every operation with SecretHash") {
  const SecretString secret("secret");
  const std::string hash = R"("SecretHash":"qnR8UCqJggD55PohusaBNviGoOJ67HC6Btry4qXLVZc=")";
  auto check = [&](auto request) {
    request.username = "Mess";
    const std::string json = encode_with(request, "age", &secret);
    CHECK(json.find(R"("ClientId":"age")") != std::string::npos);
    CHECK(json.find(hash) != std::string::npos);
  };
  check(SignUpRequest{});
  check(ConfirmSignUpRequest{});
  check(ForgotPasswordRequest{});
  check(ConfirmForgotPasswordRequest{});
  check(ResendConfirmationCodeRequest{});
}

TEST_CASE("codec request defaults: ClientId only") {
  const SecretString secret("secret");
  InitiateAuthRequest r;
  r.auth_flow = std::string(auth_flow::user_password_auth);
  // InitiateAuth carries SECRET_HASH inside AuthParameters (the caller's job): no SecretHash member.
  CHECK(encode_with(r, "age", &secret) == R"({"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"age"})");
  RespondToAuthChallengeRequest c;
  c.challenge_name = std::string(challenge_name::sms_mfa);
  c.client_id = "mine";
  CHECK(encode_with(c, "age", &secret) == R"({"ClientId":"mine","ChallengeName":"SMS_MFA"})");
}

TEST_CASE("codec request defaults: ClientSecret") {
  const SecretString secret("s3cr3t-0123456789abcdefghij");
  GetTokensFromRefreshTokenRequest g;
  g.refresh_token = SecretString("rt");
  CHECK(encode_with(g, "age", &secret) ==
        R"({"RefreshToken":"rt","ClientId":"age","ClientSecret":"s3cr3t-0123456789abcdefghij"})");
  CHECK(encode_with(g, "age", nullptr) == R"({"RefreshToken":"rt","ClientId":"age"})");
  g.client_secret = SecretString("explicit");
  g.client_id = "mine";
  CHECK(encode_with(g, "age", &secret) ==
        R"({"RefreshToken":"rt","ClientId":"mine","ClientSecret":"explicit"})");

  RevokeTokenRequest v;
  v.token = SecretString("rt");
  CHECK(encode_with(v, "age", &secret) ==
        R"({"Token":"rt","ClientId":"age","ClientSecret":"s3cr3t-0123456789abcdefghij"})");
  const SecretString empty;
  CHECK(encode_with(v, "age", &empty) == R"({"Token":"rt","ClientId":"age"})");
}

TEST_CASE("codec request defaults: operations without ClientId are unchanged") {
  const SecretString secret("secret");
  auto same = [&](const auto& request) { CHECK(encode_with(request, "age", &secret) == encode(request)); };
  same(samples::Sample<GetUserRequest>::make());
  same(samples::Sample<ChangePasswordRequest>::make());
  same(samples::Sample<SetUserMFAPreferenceRequest>::make());
  same(samples::Sample<UpdateAuthEventFeedbackRequest>::make());
  same(samples::Sample<CompleteWebAuthnRegistrationRequest>::make());
  same(samples::Sample<VerifySoftwareTokenRequest>::make());
}

namespace {

// Decodes mutated copies of a valid body: any outcome is fine except a crash,
// an exception or an error code outside the decoder's set.
template <class T>
void mutate_and_decode(std::mt19937& rng, int rounds) {
  auto json = to_json(samples::Sample<T>::make(1));
  REQUIRE(json.has_value());
  const std::string base(json->reveal());
  static constexpr char kAlphabet[] = "{}[]\",:\\0123456789.eE-+tfnul \x00\xff\xc3";
  const std::string_view alphabet(kAlphabet, sizeof kAlphabet - 1);
  for (int round = 0; round < rounds; ++round) {
    std::string s = base;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits && !s.empty(); ++e) {
      const std::size_t pos = rng() % s.size();
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 4) {
        case 0: s[pos] = c; break;
        case 1: s.insert(pos, 1, c); break;
        case 2: s.erase(pos, 1); break;
        default: s.resize(pos); break;
      }
    }
    T out;
    auto r = from_json(s, out);
    if (!r) {
      const ErrorCode code = r.error().code;
      CHECK((code == ErrorCode::MalformedResponse || code == ErrorCode::MissingField ||
             code == ErrorCode::WrongType));
    } else {
      auto again = to_json(out);  // whatever decoded must encode again
      CHECK(again.has_value());
    }
  }
}

}  // namespace

TEST_CASE("codec survives mutated input") {
  std::mt19937 rng(12345);
  mutate_and_decode<InitiateAuthResponse>(rng, 3000);
  mutate_and_decode<GetUserResponse>(rng, 3000);
  mutate_and_decode<ListDevicesResponse>(rng, 3000);
  mutate_and_decode<ListWebAuthnCredentialsResponse>(rng, 3000);
  mutate_and_decode<StartWebAuthnRegistrationResponse>(rng, 3000);
  mutate_and_decode<SignUpRequest>(rng, 3000);
}

}  // namespace cognito

namespace cognito {

TEST_CASE("codec json glue") {
  using namespace detail::json;
  SUBCASE("wiping allocator") {
    WipingAllocator a;
    CHECK(a.Malloc(0) == nullptr);
    auto* p = static_cast<char*>(a.Malloc(5));
    REQUIRE(p != nullptr);
    std::memcpy(p, "hello", 5);
    p = static_cast<char*>(a.Realloc(p, 5, 64));
    REQUIRE(p != nullptr);
    CHECK(std::string_view(p, 5) == "hello");
    p = static_cast<char*>(a.Realloc(p, 64, 2));
    REQUIRE(p != nullptr);
    CHECK(std::string_view(p, 2) == "he");
    CHECK(a.Realloc(p, 2, 0) == nullptr);  // frees
    WipingAllocator::Free(nullptr);
  }
  SUBCASE("parse and getters") {
    Document doc;
    REQUIRE(parse_object(R"({"__type":"NotAuthorizedException","message":"Incorrect.","n":5,"e":""})", doc));
    CHECK(string_member(doc, "__type") == std::optional<std::string_view>("NotAuthorizedException"));
    CHECK(string_member(doc, "message") == std::optional<std::string_view>("Incorrect."));
    CHECK_FALSE(string_member(doc, "n").has_value());
    CHECK_FALSE(string_member(doc, "Message").has_value());
    CHECK(string_member(doc, "e") == std::optional<std::string_view>(""));
    REQUIRE(find_member(doc, "n") != nullptr);
    CHECK(find_member(doc, "n")->GetInt() == 5);
    CHECK(find_member(*find_member(doc, "n"), "x") == nullptr);  // not an object
    CHECK(to_compact_string(doc) ==
          R"({"__type":"NotAuthorizedException","message":"Incorrect.","n":5,"e":""})");

    Document any;
    REQUIRE(parse(" [1, 2] ", any));
    CHECK(any.IsArray());
    auto r = parse_object("[1,2]", any);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == ErrorCode::MalformedResponse);
    CHECK(r.error().message == "body is JSON but not an object");
    r = parse("{\"a\":", any);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().message.rfind("body is not valid JSON: ", 0) == 0);
  }
  SUBCASE("blank") {
    CHECK(is_blank(""));
    CHECK(is_blank(" \t\r\n"));
    CHECK_FALSE(is_blank(" {} "));
  }
  SUBCASE("encoder writes into a SecretString") {
    Encoder e("Thing");
    e.begin_object();
    e.required("a", std::string("x"));
    e.optional("b", std::optional<std::int32_t>());
    e.optional("c", std::vector<std::string>{});
    e.optional("d", std::map<std::string, std::string>{{"k", "v"}});
    e.required("f", 1.5);
    e.end_object();
    auto out = std::move(e).finish();
    REQUIRE(out.has_value());
    CHECK(out->reveal() == R"({"a":"x","d":{"k":"v"},"f":1.5})");
  }
}

}  // namespace cognito
