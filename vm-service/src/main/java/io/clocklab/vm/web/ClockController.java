package io.clocklab.vm.web;

import io.clocklab.core.control.ClockView;
import io.clocklab.vm.run.VmRuntime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ClockController {

    private final VmRuntime runtime;

    ClockController(VmRuntime runtime) {
        this.runtime = runtime;
    }

    @GetMapping("/clock")
    ClockView clock() {
        return runtime.view();
    }
}
