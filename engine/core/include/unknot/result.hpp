// Result<T>: a value, or an Error saying in plain words what went wrong.
//
// The one error style of the engine's new interfaces (docs/architecture.md):
// a function that can fail returns Result<T> (Result<void> when there is no
// value), never a bool plus an out-parameter or a null pointer plus a message.
// It is a thin wrapper over std::variant rather than std::expected because the
// web build's compiler (emscripten 3.1.6, libc++ 14) has no <expected>.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace unknot {

struct Error {
    std::string message;
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    // Only when ok(): reading the value of an error is a programming mistake,
    // and std::get throws std::bad_variant_access rather than reading garbage.
    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    // Only when !ok().
    const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), ok_(false) {}
    bool ok() const { return ok_; }
    explicit operator bool() const { return ok_; }
    const Error& error() const { return error_; }

private:
    Error error_;
    bool ok_ = true;
};

inline Error fail(std::string message) { return Error{std::move(message)}; }

}  // namespace unknot
