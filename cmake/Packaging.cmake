# How a Lambda bootstrap is linked so that its zip (scripts/package.sh) starts fast on
# provided.al2023 and needs nothing from it.
#
# Debian's shared libcurl loads ~32 libraries (gnutls via librtmp, Kerberos, LDAP, SSH...) and
# that loading is most of a cold start. So a bootstrap links libcurl, OpenSSL, zlib, brotli,
# libstdc++ and libgcc statically and needs only glibc, which the zip ships together with its
# loader. Debian's libcurl.a was built with features whose static archives Debian does not ship
# (HTTP/2, RTMP, SSH, LDAP, GSS-API, PSL, zstd, IDN); the bootstraps use none of them (HTTP/1.1
# over http/https only), so those libraries' entry points are stubs that stop the process with
# a message, should anything ever reach one (deploy/package/static_curl_test.cpp). The effect on cold
# start is measured by deploy/package/cold_start_benchmark.cpp.

# Paths inside the binaries do not depend on where the tree was checked out or built.
add_compile_options("-ffile-prefix-map=${PROJECT_SOURCE_DIR}/=" "-ffile-prefix-map=${PROJECT_BINARY_DIR}/=")

function(_lambda_find_archives out_var)
  set(archives)
  foreach(name IN LISTS ARGN)
    find_library(LAMBDA_ARCHIVE_${name} NAMES lib${name}.a REQUIRED)
    mark_as_advanced(LAMBDA_ARCHIVE_${name})
    list(APPEND archives ${LAMBDA_ARCHIVE_${name}})
  endforeach()
  set(${out_var} ${archives} PARENT_SCOPE)
endfunction()
_lambda_find_archives(_curl_archives curl ssl crypto brotlidec brotlicommon z)
_lambda_find_archives(_ssl_archives ssl crypto)
_lambda_find_archives(_crypto_archives crypto)

# Symbol prefixes of the libraries libcurl.a was built against that have no static archive here.
set(_curl_left_out_prefixes nghttp2_ RTMP_ libssh2_ psl_ gss_ GSS_C_ ldap_ ber_ ZSTD_ idn2_)
execute_process(COMMAND ${CMAKE_NM} --undefined-only --format=just-symbols ${LAMBDA_ARCHIVE_curl}
                OUTPUT_VARIABLE _curl_undefined ERROR_QUIET COMMAND_ERROR_IS_FATAL ANY)
string(REPLACE "\n" ";" _curl_undefined "${_curl_undefined}")
list(REMOVE_DUPLICATES _curl_undefined)
list(SORT _curl_undefined)
list(JOIN _curl_left_out_prefixes "|" _prefix_alternatives)
list(FILTER _curl_undefined INCLUDE REGEX "^(${_prefix_alternatives})")

set(CURL_LEFT_OUT_DEFINITIONS "")
foreach(symbol IN LISTS _curl_undefined)
  if(symbol MATCHES "^GSS_C_")  # gss_OID constants: data, not functions
    string(APPEND CURL_LEFT_OUT_DEFINITIONS "void* ${symbol} = nullptr;\n")
  elseif(symbol STREQUAL "libssh2_init")  # curl_global_init calls it unconditionally
    string(APPEND CURL_LEFT_OUT_DEFINITIONS "int ${symbol}(int) { return 0; }\n")
  elseif(symbol STREQUAL "libssh2_exit")  # and curl_global_cleanup this one
    string(APPEND CURL_LEFT_OUT_DEFINITIONS "void ${symbol}() {}\n")
  else()
    string(APPEND CURL_LEFT_OUT_DEFINITIONS "[[noreturn]] void ${symbol}() { left_out(\"${symbol}\"); }\n")
  endif()
endforeach()
configure_file(${PROJECT_SOURCE_DIR}/deploy/package/curl_left_out_features.cpp.in
               ${PROJECT_BINARY_DIR}/deploy/package/curl_left_out_features.cpp @ONLY)

add_library(curl_left_out_features OBJECT ${PROJECT_BINARY_DIR}/deploy/package/curl_left_out_features.cpp)
target_link_libraries(curl_left_out_features PRIVATE project_options)

# A link "feature" that writes static archives on the link line just before the shared library
# they stand for; the archives then define every symbol, and --as-needed keeps the unused
# shared library out of the binary. LINK_LIBRARY_OVERRIDE_<target> applies it per bootstrap,
# wherever the imported target turns up among its dependencies.
function(_lambda_static_feature feature)
  list(JOIN ARGN " " archives)
  set(CMAKE_LINK_LIBRARY_USING_${feature} "${archives}" "<LIBRARY>" "" PARENT_SCOPE)
  set(CMAKE_LINK_LIBRARY_USING_${feature}_SUPPORTED TRUE PARENT_SCOPE)
endfunction()
_lambda_static_feature(LAMBDA_STATIC_CURL ${_curl_archives})
_lambda_static_feature(LAMBDA_STATIC_SSL ${_ssl_archives})
_lambda_static_feature(LAMBDA_STATIC_CRYPTO ${_crypto_archives})

# lambda_bootstrap(<target>): link <target> the way its Lambda zip wants it (see above).
function(lambda_bootstrap target)
  set_target_properties(${target} PROPERTIES
    LINK_LIBRARY_OVERRIDE_CURL::libcurl LAMBDA_STATIC_CURL
    LINK_LIBRARY_OVERRIDE_OpenSSL::SSL LAMBDA_STATIC_SSL
    LINK_LIBRARY_OVERRIDE_OpenSSL::Crypto LAMBDA_STATIC_CRYPTO)
  target_link_libraries(${target} PRIVATE curl_left_out_features)
  target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc LINKER:--as-needed LINKER:-z,relro,-z,now)
endfunction()
