// One accepted connection as cpp-httplib's Stream, kept for all the requests of the connection:
// reads are buffered (httplib reads a request line byte by byte) and what a client pipelined
// stays in the buffer for the next request; writes are gathered until the response is whole
// (flush) or a read would wait, so a response leaves in one send, not one for the head and one
// for the body. The socket's own timeouts (SO_RCVTIMEO and SO_SNDTIMEO, set by httplib when it
// accepts) bound each read and write.
#pragma once

#include <httplib.h>

#include <array>
#include <string>

namespace tenet::serve {

class ConnectionStream : public httplib::Stream {
public:
    ConnectionStream(int sock, int read_timeout_seconds, int write_timeout_seconds);

    // Waits until the next request begins: true when bytes are there, false when the client
    // closed, `idle_seconds` passed, or `stop_fd` became readable (the service is stopping).
    bool wait_for_request(int idle_seconds, int stop_fd);
    // Sends what was written. False when the client is gone or the write timed out.
    bool flush();
    // After an answer sent before the request was read whole (a 503 while saturated): stops
    // sending and reads what the client still sends, for at most `seconds`, so that closing does
    // not reset the connection (and discard the answer) over unread bytes.
    void drain(int seconds);

    bool is_readable() const override;
    bool is_writable() const override;
    ssize_t read(char* ptr, size_t size) override;
    ssize_t write(const char* ptr, size_t size) override;
    void get_remote_ip_and_port(std::string& ip, int& port) const override;
    void get_local_ip_and_port(std::string& ip, int& port) const override;
    int socket() const override { return sock_; }

private:
    int sock_;
    int read_timeout_ms_, write_timeout_ms_;
    std::array<char, 8192> buffer_;
    size_t begin_ = 0, end_ = 0;        // unread bytes of buffer_
    std::string out_;                   // written, not yet sent
    bool broken_ = false;               // a send failed: the connection is lost
    std::string remote_ip_, local_ip_;  // looked up once a connection
    int remote_port_ = 0, local_port_ = 0;
};

}  // namespace tenet::serve
