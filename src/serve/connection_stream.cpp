#include "serve/connection_stream.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace tenet::serve {

namespace {

void address(const sockaddr_storage& a, std::string* ip, int* port) {
    char text[INET6_ADDRSTRLEN] = "";
    if (a.ss_family == AF_INET) {
        const auto& in = reinterpret_cast<const sockaddr_in&>(a);
        inet_ntop(AF_INET, &in.sin_addr, text, sizeof text);
        *port = ntohs(in.sin_port);
    } else if (a.ss_family == AF_INET6) {
        const auto& in6 = reinterpret_cast<const sockaddr_in6&>(a);
        inet_ntop(AF_INET6, &in6.sin6_addr, text, sizeof text);
        *port = ntohs(in6.sin6_port);
    }
    *ip = text;
}

bool poll_for(int sock, short events, int timeout_ms) {
    pollfd p{sock, events, 0};
    int n;
    do {
        n = ::poll(&p, 1, timeout_ms);
    } while (n < 0 && errno == EINTR);
    return n > 0;
}

// A response larger than this leaves in pieces of about this size.
constexpr size_t kFlushAt = 64 * 1024;

}  // namespace

ConnectionStream::ConnectionStream(int sock, int read_timeout_seconds, int write_timeout_seconds)
    : sock_(sock), read_timeout_ms_(read_timeout_seconds * 1000), write_timeout_ms_(write_timeout_seconds * 1000) {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    if (getpeername(sock, reinterpret_cast<sockaddr*>(&a), &len) == 0) address(a, &remote_ip_, &remote_port_);
    len = sizeof a;
    if (getsockname(sock, reinterpret_cast<sockaddr*>(&a), &len) == 0) address(a, &local_ip_, &local_port_);
}

bool ConnectionStream::wait_for_request(int idle_seconds, int stop_fd) {
    if (!flush()) return false;
    if (begin_ < end_) return true;  // pipelined
    pollfd p[2] = {{sock_, POLLIN, 0}, {stop_fd, POLLIN, 0}};
    int n;
    do {
        n = ::poll(p, stop_fd >= 0 ? 2 : 1, idle_seconds * 1000);
    } while (n < 0 && errno == EINTR);
    return n > 0 && !(p[1].revents & POLLIN) && (p[0].revents & (POLLIN | POLLHUP | POLLERR));
}

bool ConnectionStream::is_readable() const { return begin_ < end_ || poll_for(sock_, POLLIN, read_timeout_ms_); }

bool ConnectionStream::is_writable() const { return poll_for(sock_, POLLOUT, write_timeout_ms_); }

ssize_t ConnectionStream::read(char* ptr, size_t size) {
    if (begin_ == end_) {
        if (!flush()) return -1;  // e.g. "100 Continue" must reach the client before its body can
        if (size >= buffer_.size()) return ::recv(sock_, ptr, size, 0);  // a large body: no copy
        ssize_t n;
        do {
            n = ::recv(sock_, buffer_.data(), buffer_.size(), 0);  // SO_RCVTIMEO bounds the wait
        } while (n < 0 && errno == EINTR);
        if (n <= 0) return n < 0 ? -1 : 0;
        begin_ = 0;
        end_ = static_cast<size_t>(n);
    }
    size_t n = std::min(size, end_ - begin_);
    std::memcpy(ptr, buffer_.data() + begin_, n);
    begin_ += n;
    return static_cast<ssize_t>(n);
}

ssize_t ConnectionStream::write(const char* ptr, size_t size) {
    if (broken_) return -1;
    out_.append(ptr, size);
    if (out_.size() >= kFlushAt && !flush()) return -1;
    return static_cast<ssize_t>(size);
}

bool ConnectionStream::flush() {
    size_t sent = 0;
    while (!broken_ && sent < out_.size()) {
        ssize_t n = ::send(sock_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL);  // SO_SNDTIMEO bounds it
        if (n > 0) {
            sent += static_cast<size_t>(n);
        } else if (n == 0 || errno != EINTR) {
            broken_ = true;
        }
    }
    out_.clear();
    return !broken_;
}

void ConnectionStream::drain(int seconds) {
    ::shutdown(sock_, SHUT_WR);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    char discard[8192];
    for (;;) {
        auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count();
        if (left <= 0 || !poll_for(sock_, POLLIN, static_cast<int>(left))) return;
        if (::recv(sock_, discard, sizeof discard, 0) <= 0) return;  // the client closed too
    }
}

void ConnectionStream::get_remote_ip_and_port(std::string& ip, int& port) const {
    ip = remote_ip_;
    port = remote_port_;
}

void ConnectionStream::get_local_ip_and_port(std::string& ip, int& port) const {
    ip = local_ip_;
    port = local_port_;
}

}  // namespace tenet::serve
