package io.blockingbridge.sample.security;

import java.util.concurrent.atomic.AtomicBoolean;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * What every HTTP Basic login goes through before its password hash is checked:
 * <ol>
 * <li>the kitchen's internal credential is compared in constant time, without a hash
 * ({@link KitchenCredential}); a wrong kitchen password fails like any other;</li>
 * <li>a login whose user name or client address has failed too often recently is refused with
 * {@link TooManyFailedLoginsException} ({@code 429}), without a password check ({@link FailedLogins});</li>
 * <li>otherwise the password check decides, and a failure is counted.</li>
 * </ol>
 */
final class GuardedLogins implements ReactiveAuthenticationManager {

	private final ReactiveAuthenticationManager passwordCheck;

	private final FailedLogins failures;

	private final KitchenCredential kitchen;

	GuardedLogins(ReactiveAuthenticationManager passwordCheck, FailedLogins failures, KitchenCredential kitchen) {
		this.passwordCheck = passwordCheck;
		this.failures = failures;
		this.kitchen = kitchen;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		if (!(authentication instanceof UsernamePasswordAuthenticationToken)) {
			return this.passwordCheck.authenticate(authentication);
		}
		String user = authentication.getName();
		boolean kitchenUser = KitchenCredential.isKitchen(user);
		if (kitchenUser && this.kitchen.matches(String.valueOf(authentication.getCredentials()))) {
			return Mono.just(KitchenCredential.authentication());
		}
		return Mono.deferContextual((context) -> {
			FailedLogins.Attempt attempt = this.failures.begin(user, ClientAddress.of(context));
			Mono<Authentication> check = kitchenUser
					? Mono.error(new BadCredentialsException("Wrong password for the kitchen's credential"))
					: this.passwordCheck.authenticate(authentication);
			// A failure keeps the tokens lent; success, or an error that says nothing about the password
			// (the database unreachable), gives them back, and so does a login whose client left
			// before its answer (it learned nothing: abandoned requests must not lock a customer out).
			AtomicBoolean settled = new AtomicBoolean();
			Runnable giveBack = () -> {
				if (settled.compareAndSet(false, true)) {
					attempt.giveBack();
				}
			};
			return check.doOnNext((authenticated) -> giveBack.run()).doOnError((ex) -> {
				if (ex instanceof BadCredentialsException && ClientAddress.connected(context)) {
					if (settled.compareAndSet(false, true)) {
						attempt.failed();
					}
				}
				else {
					giveBack.run();
				}
			}).doOnCancel(giveBack);
		});
	}

}
