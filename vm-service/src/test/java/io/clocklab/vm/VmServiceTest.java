package io.clocklab.vm;

import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A whole VM on a random HTTP port and a random side port, no coordinator, logs in a temp folder.
 * Every test class with this annotation shares one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "clocklab.vm.name=vm1",
        "clocklab.vm.side-port=0",
        "clocklab.cluster-secret=" + FakePeer.SECRET,
        "clocklab.vm.log-dir=${java.io.tmpdir}/clocklab-vm-service-test/${random.uuid}",
        "clocklab.vm.reconnect-min=20ms",
        "clocklab.vm.reconnect-max=200ms"})
@AutoConfigureObservability
public @interface VmServiceTest {
}
