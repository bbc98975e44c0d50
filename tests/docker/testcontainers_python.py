"""magemock from Python's testcontainers: start the image, check health, get an admin token and
read a product with it. The example README.md shows Python users; .ci/docker runs it.

    TESTCONTAINERS_RYUK_DISABLED=true python tests/docker/testcontainers_python.py [image]

Host networking, magemock on 127.0.0.1 and a free port: this works on an engine without a
bridge (as in CI here). With a bridge, drop the three host-network lines and use
`container.get_container_host_ip()` and `container.get_exposed_port(8080)` instead.
Ryuk (the reaper container) is off because its image cannot be pulled here; the `with` block
removes the container itself.
"""

import os
import socket
import sys

# Read by testcontainers when it is imported.
os.environ.setdefault("TESTCONTAINERS_RYUK_DISABLED", "true")

import docker  # noqa: E402  (testcontainers' own dependency)
import requests  # noqa: E402
from testcontainers.core.container import DockerContainer  # noqa: E402
from testcontainers.core.wait_strategies import LogMessageWaitStrategy  # noqa: E402

IMAGE = sys.argv[1] if len(sys.argv) > 1 else "magemock:latest"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    container = (
        DockerContainer(IMAGE)
        .with_kwargs(network_mode="host")
        .with_env("MAGEMOCK_HOST", "127.0.0.1")
        .with_env("MAGEMOCK_PORT", str(port))
        .with_env("MAGEMOCK_HEALTHCHECK_URL", base)
        .waiting_for(LogMessageWaitStrategy("magemock listening on"))
    )
    passed = 0
    with container:
        container_id = container.get_wrapped_container().id

        health = requests.get(f"{base}/__magemock/health", timeout=5)
        assert health.status_code == 200 and health.json()["status"] == "ready", health.text
        passed += 1

        token = requests.post(
            f"{base}/rest/V1/integration/admin/token",
            json={"username": "admin", "password": "admin123"},
            timeout=5,
        )
        assert token.status_code == 200, token.text
        passed += 1

        product = requests.get(
            f"{base}/rest/V1/products/24-MB01",
            headers={"Authorization": f"Bearer {token.json()}"},
            timeout=5,
        )
        assert product.status_code == 200 and product.json()["sku"] == "24-MB01", product.text
        passed += 1

    try:
        docker.from_env().containers.get(container_id)
        raise AssertionError(f"container {container_id} was not removed")
    except docker.errors.NotFound:
        passed += 1
    print(f"{passed} passed, 0 failed")


if __name__ == "__main__":
    main()
