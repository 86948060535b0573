# PodPath lab probe helper: a listener that tells the client who answered and what it saw, and
# a client that classifies what came back like PodPath's outcomes. Embedded in export-lab scripts.
import socket, sys, errno

def serve(proto, port, host):
    kind = socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM
    s = socket.socket(socket.AF_INET, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("0.0.0.0", port))
    if proto == "tcp":
        s.listen(64)
        while True:
            c, peer = s.accept()
            local = c.getsockname()
            c.sendall(f"{host} {peer[0]} {local[0]} {local[1]}\n".encode())
            c.close()
    while True:
        data, peer = s.recvfrom(512)
        # Answer from the address the datagram was sent to, like a connected UDP server would.
        r = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        r.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        r.sendto(f"{host} {peer[0]} - {port}\n".encode(), peer)
        r.close()

def probe(proto, dst, port):
    try:
        if proto == "tcp":
            s = socket.create_connection((dst, port), timeout=4)
        else:
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.settimeout(4)
            s.connect((dst, port))
            s.send(b"podpath\n")
        data = s.recv(512).decode().split()
        print(("connected" if proto == "tcp" else "reply") + f" server={data[0]} seenSrc={data[1]}")
    except ConnectionRefusedError:
        print("refused")
    except socket.timeout:
        print("timeout")
    except OSError as e:
        print("unreachable" if e.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH) else f"local-error {e.strerror}")

if sys.argv[1] == "serve":
    serve(sys.argv[2], int(sys.argv[3]), sys.argv[4])
else:
    probe(sys.argv[2], sys.argv[3], int(sys.argv[4]))
