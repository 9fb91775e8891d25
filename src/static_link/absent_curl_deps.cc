// Entry points of Kerberos (GSS-API), OpenLDAP and librtmp that Debian's
// libcurl.a refers to, for the statically linked release binary only.
//
// Why this file exists: Debian builds libcurl with GSS-API, LDAP and RTMP
// support, but ships no static archive of MIT Kerberos or OpenLDAP, and its
// librtmp.a would drag in a second TLS library (GnuTLS, whose p11-kit has
// no static archive either). The provider only ever speaks HTTP(S): its
// client restricts every handle to http and https (CURLOPT_PROTOCOLS_STR)
// and never asks for Negotiate authentication. So these functions stand in
// for the missing libraries and fail cleanly, the way a Kerberos or LDAP
// library answers when it has nothing to offer, instead of linking code
// that would never run. Everything that does run (HTTP/1.1, HTTP/2 through
// nghttp2, TLS through OpenSSL, IDN, zstd/brotli decoding) is Debian's own
// code, unchanged.
//
// Only a caller that opts in reaches them: Negotiate authentication
// (CURLOPT_HTTPAUTH), or a SOCKS5 proxy (ALL_PROXY) that picks GSS-API.
// curl then reports "... GSS-API is not available in this build ..." and
// carries on as it does when no Kerberos ticket is at hand: the 401 stays
// a 401 (tests/unit/static_link/), the proxy connection fails.
//
// The declarations mirror the C ABI of MIT Kerberos 1.20 (gssapi.h),
// OpenLDAP 2.5 (ldap.h, lber.h) and librtmp 2.4 (rtmp.h); the opaque types
// are never looked into. Names follow those libraries, not our style, since
// the linker matches them. Each function leaves its out-parameters in the
// "nothing" state the real library documents for failures, because curl
// releases them afterwards.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace {

constexpr char kNotAvailable[] =
    "Kerberos/GSS-API is not available in this build of "
    "terraform-provider-gandimail (a static release; it speaks HTTPS only)";

}  // namespace

extern "C" {

// ---- GSS-API (MIT Kerberos gssapi.h) ----

typedef uint32_t OM_uint32;
typedef struct gss_OID_desc_struct {
  OM_uint32 length;
  void* elements;
} gss_OID_desc, *gss_OID;
typedef struct gss_buffer_desc_struct {
  size_t length;
  void* value;
} gss_buffer_desc, *gss_buffer_t;
typedef struct gss_name_struct* gss_name_t;
typedef struct gss_ctx_id_struct* gss_ctx_id_t;
typedef struct gss_cred_id_struct* gss_cred_id_t;
typedef struct gss_channel_bindings_struct* gss_channel_bindings_t;
typedef OM_uint32 gss_qop_t;

// Routine error "failure" (GSS_S_FAILURE = 13 << 16), which GSS_ERROR()
// reports as an error; 0 is GSS_S_COMPLETE.
constexpr OM_uint32 kGssComplete = 0;
constexpr OM_uint32 kGssFailure = 13u << 16;

// 1.2.840.113554.1.2.1.4, the real value, though only our own
// gss_import_name ever receives it.
static gss_OID_desc host_based_service_oid = {
    10, const_cast<char*>("\x2a\x86\x48\x86\xf7\x12\x01\x02\x01\x04")};
gss_OID GSS_C_NT_HOSTBASED_SERVICE = &host_based_service_oid;

static void ClearBuffer(gss_buffer_t buffer) {
  if (buffer == nullptr) return;
  buffer->length = 0;
  buffer->value = nullptr;
}

// Frees with free(), as MIT's does: curl hands it buffers it malloc'd.
OM_uint32 gss_release_buffer(OM_uint32* minor_status, gss_buffer_t buffer) {
  if (minor_status != nullptr) *minor_status = 0;
  if (buffer != nullptr) std::free(buffer->value);
  ClearBuffer(buffer);
  return kGssComplete;
}

OM_uint32 gss_release_name(OM_uint32* minor_status, gss_name_t* name) {
  if (minor_status != nullptr) *minor_status = 0;
  if (name != nullptr) *name = nullptr;
  return kGssComplete;
}

OM_uint32 gss_delete_sec_context(OM_uint32* minor_status,
                                 gss_ctx_id_t* context_handle,
                                 gss_buffer_t output_token) {
  if (minor_status != nullptr) *minor_status = 0;
  if (context_handle != nullptr) *context_handle = nullptr;
  ClearBuffer(output_token);
  return kGssComplete;
}

OM_uint32 gss_import_name(OM_uint32* minor_status, gss_buffer_t input_name,
                          gss_OID input_name_type, gss_name_t* output_name) {
  if (minor_status != nullptr) *minor_status = 0;
  if (output_name != nullptr) *output_name = nullptr;
  return kGssFailure;
}

OM_uint32 gss_init_sec_context(
    OM_uint32* minor_status, gss_cred_id_t claimant_cred,
    gss_ctx_id_t* context_handle, gss_name_t target_name, gss_OID mech_type,
    OM_uint32 req_flags, OM_uint32 time_req,
    gss_channel_bindings_t input_chan_bindings, gss_buffer_t input_token,
    gss_OID* actual_mech_type, gss_buffer_t output_token, OM_uint32* ret_flags,
    OM_uint32* time_rec) {
  if (minor_status != nullptr) *minor_status = 0;
  if (actual_mech_type != nullptr) *actual_mech_type = nullptr;
  if (ret_flags != nullptr) *ret_flags = 0;
  if (time_rec != nullptr) *time_rec = 0;
  ClearBuffer(output_token);
  return kGssFailure;
}

OM_uint32 gss_inquire_context(OM_uint32* minor_status, gss_ctx_id_t context,
                              gss_name_t* src_name, gss_name_t* targ_name,
                              OM_uint32* lifetime_rec, gss_OID* mech_type,
                              OM_uint32* ctx_flags, int* locally_initiated,
                              int* open) {
  if (minor_status != nullptr) *minor_status = 0;
  if (src_name != nullptr) *src_name = nullptr;
  if (targ_name != nullptr) *targ_name = nullptr;
  return kGssFailure;
}

OM_uint32 gss_display_name(OM_uint32* minor_status, gss_name_t input_name,
                           gss_buffer_t output_name_buffer,
                           gss_OID* output_name_type) {
  if (minor_status != nullptr) *minor_status = 0;
  ClearBuffer(output_name_buffer);
  return kGssFailure;
}

OM_uint32 gss_wrap(OM_uint32* minor_status, gss_ctx_id_t context,
                   int conf_req_flag, gss_qop_t qop_req,
                   gss_buffer_t input_message, int* conf_state,
                   gss_buffer_t output_message) {
  if (minor_status != nullptr) *minor_status = 0;
  ClearBuffer(output_message);
  return kGssFailure;
}

OM_uint32 gss_unwrap(OM_uint32* minor_status, gss_ctx_id_t context,
                     gss_buffer_t input_message, gss_buffer_t output_message,
                     int* conf_state, gss_qop_t* qop_state) {
  if (minor_status != nullptr) *minor_status = 0;
  ClearBuffer(output_message);
  return kGssFailure;
}

// Always succeeds with one message and no more to come (*message_context
// = 0): some curl versions loop until this call completes, so failing here
// would never end. The text is malloc'd because the caller frees it with
// gss_release_buffer; if that allocation fails the message is empty.
OM_uint32 gss_display_status(OM_uint32* minor_status, OM_uint32 status_value,
                             int status_type, gss_OID mech_type,
                             OM_uint32* message_context,
                             gss_buffer_t status_string) {
  if (minor_status != nullptr) *minor_status = 0;
  if (message_context != nullptr) *message_context = 0;
  if (status_string == nullptr) return kGssComplete;
  ClearBuffer(status_string);
  char* text = strdup(kNotAvailable);
  if (text != nullptr) {
    status_string->value = text;
    status_string->length = std::strlen(text);
  }
  return kGssComplete;
}

// ---- OpenLDAP (ldap.h, lber.h) ----

typedef struct ldap LDAP;
typedef struct ldapmsg LDAPMessage;
typedef struct ldapcontrol LDAPControl;
typedef struct ldap_url_desc LDAPURLDesc;
typedef struct berelement BerElement;
typedef struct sockbuf Sockbuf;
typedef struct sockbuf_io Sockbuf_IO;
struct berval;
struct timeval;

// LDAP_NOT_SUPPORTED and LDAP_URL_ERR_BADSCHEME from ldap.h: curl turns
// the latter into CURLE_URL_MALFORMAT, "LDAP local: unrecognized scheme",
// before it opens any connection.
constexpr int kLdapNotSupported = -12;
constexpr int kLdapUrlErrBadScheme = 3;

int ldap_url_parse(const char* url, LDAPURLDesc** ludpp) {
  if (ludpp != nullptr) *ludpp = nullptr;
  return kLdapUrlErrBadScheme;
}

void ldap_free_urldesc(LDAPURLDesc* ludp) {}

int ldap_pvt_url_scheme2proto(const char* scheme) { return -1; }

int ldap_init_fd(int fd, int proto, const char* url, LDAP** ldp) {
  if (ldp != nullptr) *ldp = nullptr;
  return kLdapNotSupported;
}

char* ldap_err2string(int err) {
  return const_cast<char*>("LDAP is not available in this build");
}

int ldap_set_option(LDAP* ld, int option, const void* invalue) {
  return kLdapNotSupported;
}

// curl_version() asks for LDAP_OPT_API_INFO and names no LDAP library
// when this fails.
int ldap_get_option(LDAP* ld, int option, void* outvalue) {
  return kLdapNotSupported;
}

int ldap_sasl_bind(LDAP* ld, const char* dn, const char* mechanism,
                   struct berval* cred, LDAPControl** sctrls,
                   LDAPControl** cctrls, int* msgidp) {
  return kLdapNotSupported;
}

int ldap_start_tls(LDAP* ld, LDAPControl** serverctrls,
                   LDAPControl** clientctrls, int* msgidp) {
  return kLdapNotSupported;
}

int ldap_search_ext(LDAP* ld, const char* base, int scope, const char* filter,
                    char** attrs, int attrsonly, LDAPControl** serverctrls,
                    LDAPControl** clientctrls, struct timeval* timeout,
                    int sizelimit, int* msgidp) {
  return kLdapNotSupported;
}

// -1 is ldap_result's own error answer.
int ldap_result(LDAP* ld, int msgid, int all, struct timeval* timeout,
                LDAPMessage** result) {
  if (result != nullptr) *result = nullptr;
  return -1;
}

int ldap_msgtype(LDAPMessage* lm) { return -1; }

int ldap_msgfree(LDAPMessage* lm) { return 0; }

int ldap_parse_result(LDAP* ld, LDAPMessage* res, int* errcodep,
                      char** matcheddnp, char** errmsgp, char*** referralsp,
                      LDAPControl*** serverctrls, int freeit) {
  return kLdapNotSupported;
}

int ldap_parse_sasl_bind_result(LDAP* ld, LDAPMessage* res,
                                struct berval** servercredp, int freeit) {
  if (servercredp != nullptr) *servercredp = nullptr;
  return kLdapNotSupported;
}

int ldap_get_dn_ber(LDAP* ld, LDAPMessage* e, BerElement** berout,
                    struct berval* dn) {
  if (berout != nullptr) *berout = nullptr;
  return kLdapNotSupported;
}

int ldap_get_attribute_ber(LDAP* ld, LDAPMessage* e, BerElement* ber,
                           struct berval* attr, struct berval** vals) {
  if (vals != nullptr) *vals = nullptr;
  return kLdapNotSupported;
}

int ldap_abandon_ext(LDAP* ld, int msgid, LDAPControl** sctrls,
                     LDAPControl** cctrls) {
  return kLdapNotSupported;
}

int ldap_unbind_ext(LDAP* ld, LDAPControl** sctrls, LDAPControl** cctrls) {
  return kLdapNotSupported;
}

void ldap_memfree(void* p) {}

int ber_sockbuf_add_io(Sockbuf* sb, Sockbuf_IO* sbio, int layer, void* arg) {
  return -1;
}

void ber_memfree(void* p) {}

void ber_free(BerElement* ber, int freebuf) {}

void ber_bvfree(struct berval* bv) {}

void ber_memvfree(void** vector) {}

// ---- librtmp (rtmp.h) ----

typedef struct RTMP RTMP;
typedef struct RTMPPacket RTMPPacket;

// curl reads and writes fields of an RTMP session once RTMP_SetupURL has
// accepted the URL. It never does here: RTMP_Alloc hands out this one
// placeholder, which nothing looks into, and RTMP_SetupURL refuses every
// URL, so curl frees the placeholder and answers CURLE_URL_MALFORMAT.
static char no_rtmp_session;

RTMP* RTMP_Alloc(void) { return reinterpret_cast<RTMP*>(&no_rtmp_session); }

void RTMP_Free(RTMP* r) {}

void RTMP_Init(RTMP* r) {}

void RTMP_SetBufferMS(RTMP* r, int size) {}

int RTMP_SetupURL(RTMP* r, char* url) { return 0; }

int RTMP_Connect1(RTMP* r, RTMPPacket* cp) { return 0; }

int RTMP_ConnectStream(RTMP* r, int seek_time) { return 0; }

int RTMP_Read(RTMP* r, char* buf, int size) { return -1; }

int RTMP_Write(RTMP* r, const char* buf, int size) { return -1; }

void RTMP_Close(RTMP* r) {}

}  // extern "C"
